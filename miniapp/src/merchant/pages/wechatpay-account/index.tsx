import '../../messages';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { formatMoney } from '@wxshop/shared';
import { EmptyState, ErrorState, Loading, SignInRequired } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fetchPaymentAccount, type PaymentAccount } from '../../../services/payment-account';
import { errorCode, toast } from '../../../services/request';
import { getSession, useSession } from '../../../services/session';
import { shortDateTime } from '../../lib/schedule';
import { useMerchant } from '../../lib/use-merchant';
import '../merchant.scss';
import '../fulfilment.scss';

/**
 * The store's WeChat Pay sub-merchant status: its sub_mchid (or "not yet applied"), whether it can sell,
 * the latest application's state and what to do next (verify the account, sign, wait, apply again).
 * Only the owner may see it (merchant:finance:read). Read-only: the application form is not here yet.
 */
export default function WechatPayAccountPage() {
  const { t } = useI18n();
  usePageTitle('merchant.wxpay.title');
  const { merchantId } = useMerchant();
  const session = useSession();
  const [account, load] = useRemote(() => fetchPaymentAccount(merchantId));

  useDidShow(() => {
    if (getSession()) void load();
  });

  let body;
  if (!session) body = <SignInRequired id="merchant-signin" />;
  else if (account.status === 'error') {
    // NOTE: a 404 is also what the API answers while this route is not served yet: an error with a retry, not "no access".
    body =
      errorCode(account.error) === 'forbidden' ? (
        <EmptyState id="wxpay-no-access" icon="lock" title={t('merchant.no_access_title')} body={t('merchant.wxpay.owner_only')} />
      ) : (
        <ErrorState id="wxpay-error" error={account.error} onRetry={() => void load()} />
      );
  } else if (account.status !== 'ok') body = <Loading />;
  else body = <AccountView account={account.data} />;

  return (
    <View id="page-wechatpay-account" className="page merchant">
      {body}
    </View>
  );
}

function AccountView({ account: a }: { account: PaymentAccount }) {
  const { lang, t } = useI18n();
  const app = a.application;
  const copy = async (text: string) => {
    try {
      await Taro.setClipboardData({ data: text });
      toast(t('merchant.order.copied'));
    } catch {
      toast(t('merchant.order.copy_failed'));
    }
  };
  return (
    <View>
      <View className={`card m-status ${a.canSell ? 'm-status--approved' : ''}`}>
        <View className="m-status__head">
          <Text className="m-status__icon">{a.canSell ? '✓' : '…'}</Text>
          <Text id="wxpay-state" className="m-status__title">
            {t(`merchant.wxpay.next.${a.nextStep}`)}
          </Text>
        </View>
        <Text className="m-status__body">{t(`merchant.wxpay.next_help.${a.nextStep}`)}</Text>
      </View>
      <View className="card m-section m-kv">
        <View className="m-kv__row">
          <Text className="m-kv__k">{t('merchant.wxpay.sub_mchid')}</Text>
          <Text id="wxpay-sub-mchid" className="m-kv__v">
            {a.subMchid ?? t('merchant.wxpay.not_applied')}
          </Text>
        </View>
        <View className="m-kv__row">
          <Text className="m-kv__k">{t('merchant.wxpay.can_sell')}</Text>
          <Text id="wxpay-can-sell" className="m-kv__v">
            {a.canSell ? t('merchant.wxpay.yes') : t('merchant.wxpay.no')}
          </Text>
        </View>
      </View>
      {app ? (
        <View id="wxpay-application" className="card m-section">
          <Text className="m-section__title">{t('merchant.wxpay.application')}</Text>
          <View className="m-kv">
            <View className="m-kv__row">
              <Text className="m-kv__k">{t('merchant.wxpay.app_state')}</Text>
              <Text id="wxpay-app-state" className="m-kv__v">
                {app.state} · {app.stateDesc}
              </Text>
            </View>
            <View className="m-kv__row">
              <Text className="m-kv__k">{t('merchant.wxpay.shortname')}</Text>
              <Text className="m-kv__v">{app.merchantShortname}</Text>
            </View>
            <View className="m-kv__row">
              <Text className="m-kv__k">{t('merchant.wxpay.submitted')}</Text>
              <Text className="m-kv__v">{shortDateTime(app.submittedAt)}</Text>
            </View>
            <View className="m-kv__row">
              <Text className="m-kv__k">{t('merchant.wxpay.checked')}</Text>
              <Text className="m-kv__v">{shortDateTime(app.checkedAt)}</Text>
            </View>
          </View>
          {app.accountValidation ? (
            <View id="wxpay-verify" className="m-reason">
              <Text className="m-reason__label">{t('merchant.wxpay.verify_title')}</Text>
              <Text className="m-reason__text">
                {t('merchant.wxpay.verify_body', {
                  amount: formatMoney(app.accountValidation.payAmount, lang),
                  name: app.accountValidation.toAccountName,
                  number: app.accountValidation.toAccountNumber,
                })}
              </Text>
              {app.accountValidation.deadline ? (
                <Text className="m-muted">{t('merchant.wxpay.deadline', { at: shortDateTime(app.accountValidation.deadline) })}</Text>
              ) : null}
            </View>
          ) : null}
          {app.signUrl ? (
            <Button id="wxpay-sign" className="btn btn--primary m-gap" onClick={() => void copy(app.signUrl!)}>
              {t('merchant.wxpay.copy_sign_url')}
            </Button>
          ) : null}
          {app.rejectReasons.length ? (
            <View id="wxpay-reject" className="m-reason">
              <Text className="m-reason__label">{t('merchant.wxpay.reject_reasons')}</Text>
              {app.rejectReasons.map((r, i) => (
                <Text key={i} className="m-reason__text">
                  {r.field}: {r.reason}
                </Text>
              ))}
            </View>
          ) : null}
        </View>
      ) : (
        <Text id="wxpay-no-application" className="m-empty-line">
          {a.subMchid ? t('merchant.wxpay.seeded') : t('merchant.wxpay.no_application')}
        </Text>
      )}
    </View>
  );
}
