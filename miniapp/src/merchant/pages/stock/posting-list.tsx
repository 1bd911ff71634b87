import { Button, Text, View } from '@tarojs/components';
import { useEffect } from 'react';
import type { StockPosting } from '@wxshop/shared';
import { ErrorState } from '../../../components/states';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../services/session';
import { fetchPostings } from '../../../services/stock';
import { usePaged } from '../../lib/use-paged';
import { shortDateTime } from '../../lib/schedule';

/** A SKU's postings, newest first, a page at a time; `fresh` are this visit's adjustments not in the loaded pages. */
export function PostingList({ merchantId, productId, skuId, fresh }: { merchantId: string; productId: string; skuId: string; fresh: StockPosting[] }) {
  const { t } = useI18n();
  const me = useSession()?.profile.id;
  const list = usePaged<StockPosting>((cursor) => fetchPostings(merchantId, productId, skuId, cursor));
  const { reload } = list;
  useEffect(() => {
    void reload();
  }, [reload]);

  const s = list.state;
  if (s.status === 'error') return <ErrorState id="stock-postings-error" error={s.error} onRetry={() => void reload()} />;
  if (s.status !== 'ok')
    return (
      <Text id="stock-postings-loading" className="m-empty-line">
        {t('common.loading')}
      </Text>
    );
  const known = new Set(s.items.map((p) => p.id));
  const items = [...fresh.filter((p) => !known.has(p.id)), ...s.items];
  if (items.length === 0)
    return (
      <Text id="stock-postings-empty" className="m-empty-line">
        {t('merchant.stock.no_postings')}
      </Text>
    );
  return (
    <View id={`stock-postings-list-${skuId}`} className="m-postings">
      {items.map((p) => (
        <View key={p.id} id={`posting-${p.id}`} className="m-posting">
          <View className="m-col">
            <Text className="m-posting__reason">{t(`merchant.stock.reason.${p.reason}`)}</Text>
            <Text className="m-muted">
              {shortDateTime(p.createdAt)} ·{' '}
              {p.actorId
                ? p.actorId === me
                  ? t('merchant.stock.by_you')
                  : t('merchant.stock.by', { id: p.actorId.slice(-6) })
                : t('merchant.stock.by_system')}
            </Text>
            {p.note ? <Text className="m-posting__note">{p.note}</Text> : null}
          </View>
          <View className="m-col m-col--end">
            <Text className={`m-posting__delta ${p.delta < 0 ? 'm-posting__delta--neg' : ''}`}>{p.delta > 0 ? `+${p.delta}` : p.delta}</Text>
            <Text className="m-muted">{t('merchant.stock.balance', { n: p.balance })}</Text>
          </View>
        </View>
      ))}
      {s.nextCursor ? (
        <Button id="stock-postings-more" className="btn btn--ghost btn--small m-gap" loading={s.loadingMore || undefined} onClick={() => void list.more()}>
          {t('common.load_more')}
        </Button>
      ) : null}
    </View>
  );
}
