import '../../messages';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { EmptyState, ErrorState, Loading, SignInRequired } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fetchMyMerchants } from '../../../services/merchant';
import { getSession, useSession } from '../../../services/session';
import '../merchant.scss';

/** Merchant centre entry: the shops this account is staff of (GET /me/merchants), or "open a store". */
export default function MerchantEntryPage() {
  const { t } = useI18n();
  usePageTitle('merchant.entry_title');
  const session = useSession();
  const [merchants, load] = useRemote(fetchMyMerchants);

  useDidShow(() => {
    if (getSession()) void load();
  });

  if (!session) return <SignInRequired id="merchant-signin" />;

  let body;
  if (merchants.status === 'error') body = <ErrorState error={merchants.error} onRetry={() => void load()} />;
  else if (merchants.status !== 'ok') body = <Loading />;
  else if (merchants.data.length === 0)
    // Not staff of any shop: open one (the application page shows an application already sent).
    body = (
      <EmptyState id="merchant-no-access" icon="home" title={t('merchant.no_store_title')} body={t('merchant.no_store_body')}>
        <Button
          id="merchant-open-store"
          className="btn btn--primary state__action"
          onClick={() => void Taro.navigateTo({ url: '/merchant/pages/apply/index' })}
        >
          {t('merchant.open_store')}
        </Button>
      </EmptyState>
    );
  else
    body = (
      <View className="card">
        <View className="card__header">{t('merchant.choose')}</View>
        {merchants.data.map((m) => (
          <View
            key={m.id}
            id={`merchant-item-${m.id}`}
            className="row"
            onClick={() => void Taro.navigateTo({ url: `/merchant/pages/dashboard/index?merchantId=${m.id}` })}
          >
            <View className="merchant__item">
              <Text className="merchant__name">{m.name}</Text>
              <Text className="row__value">
                {t('merchant.your_role', { role: t(`role.merchant.${m.role}`) })} · {t(`merchant.status.${m.status}`)}
              </Text>
            </View>
            <Text className="row__chevron">›</Text>
          </View>
        ))}
      </View>
    );

  return (
    <View id="page-merchant-entry" className="page">
      {body}
    </View>
  );
}
