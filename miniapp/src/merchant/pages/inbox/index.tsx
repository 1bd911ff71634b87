import '../../messages';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { localize, type MerchantStatus } from '@wxshop/shared';
import { EmptyState, ListFooter } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { fetchInbox, type InboxEntry } from '../../../services/merchant';
import { getSession } from '../../../services/session';
import { MerchantScreen } from '../../components/screen';
import { shortDateTime } from '../../lib/schedule';
import { merchantUrl, useMerchant } from '../../lib/use-merchant';
import { usePaged } from '../../lib/use-paged';
import '../merchant.scss';

/** The WeChat Pay application's state a `payment_account` message is about (ADR 0054), when it is one the page knows. */
const OWNER_STATES = ['ACCOUNT_NEED_VERIFY', 'NEED_SIGN', 'REJECTED', 'FINISH'] as const;
function paymentAccountState(m: InboxEntry): (typeof OWNER_STATES)[number] | null {
  const state = m.kind === 'payment_account' ? m.data?.state : undefined;
  return OWNER_STATES.find((s) => s === state) ?? null;
}

/** Messages from the platform to the store (opening, status changes with reasons, low-stock notices), newest first. */
export default function MerchantInboxPage() {
  const { lang, t } = useI18n();
  usePageTitle('merchant.inbox.title');
  const { merchantId } = useMerchant();
  const list = usePaged<InboxEntry>((cursor) => fetchInbox(merchantId, cursor));

  useDidShow(() => {
    if (getSession()) void list.reload();
  });

  const text = (m: InboxEntry): { title: string; body: string } => {
    if (m.title && m.body) return { title: localize(m.title, lang), body: localize(m.body, lang) };
    if (m.kind === 'store_opened') return { title: t('merchant.inbox.store_opened'), body: t('merchant.inbox.store_opened_body') };
    if (m.kind === 'status_changed')
      return { title: t('merchant.inbox.status_changed', { status: t(`merchant.status.${m.status as MerchantStatus}`) }), body: m.reason ?? '' };
    const state = paymentAccountState(m);
    if (state) {
      const body = t(`merchant.inbox.payment_account_body.${state}`);
      return { title: t(`merchant.inbox.payment_account.${state}`), body: m.reason ? `${body} (${m.reason})` : body };
    }
    return { title: t('merchant.inbox.other'), body: m.reason ?? '' };
  };
  const target = (m: InboxEntry): string | null => {
    if (m.data?.productId) return merchantUrl('stock', merchantId, { productId: m.data.productId });
    if (m.kind === 'status_changed') return merchantUrl('store', merchantId);
    if (m.kind === 'payment_account') return merchantUrl('wechatpay-account', merchantId);
    return null;
  };

  const s = list.state;
  return (
    <MerchantScreen
      id="page-merchant-inbox"
      state={s.status === 'ok' ? { status: 'ok' } : s.status === 'error' ? s : { status: 'loading' }}
      onRetry={() => void list.reload()}
    >
      {() =>
        s.status !== 'ok' ? null : s.items.length === 0 ? (
          <EmptyState id="inbox-empty" icon="me" title={t('merchant.inbox.empty')} body={t('merchant.inbox.empty_body')} />
        ) : (
          <View id="inbox-list">
            {s.items.map((m) => {
              const { title, body } = text(m);
              const url = target(m);
              return (
                <View key={m.id} id={`inbox-${m.id}`} className={`card m-message m-message--${m.kind}`} onClick={() => url && void Taro.navigateTo({ url })}>
                  <View className="m-section__head">
                    <Text className="m-block__title">{title}</Text>
                    <Text className="m-muted">{shortDateTime(m.createdAt)}</Text>
                  </View>
                  {body ? <Text className="m-message__body">{body}</Text> : null}
                  {url ? <Text className="m-link">{t('merchant.inbox.open')} ›</Text> : null}
                </View>
              );
            })}
            <ListFooter id="inbox-more" hasMore={Boolean(s.nextCursor)} loading={s.loadingMore} onMore={() => void list.more()} />
          </View>
        )
      }
    </MerchantScreen>
  );
}
