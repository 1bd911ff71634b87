import '../../messages';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { EmptyState, ListFooter, Loading } from '../../../components/states';
import { priceText } from '../../../components/product-card';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { fetchBillReconciliations, type BillReconciliationSummary } from '../../../services/reconciliation';
import { getSession } from '../../../services/session';
import { AdminGuard, LoadError } from '../../components/guard';
import { usePaged } from '../../components/use-paged';
import { shortDateTime } from '../../lib/format';
import '../admin.scss';

/** The days whose bills were reconciled (one row per day and provider), newest first; a tap opens the day's differences (ADR 0071). */
export default function AdminReconciliationPage() {
  const { t, lang } = useI18n();
  usePageTitle('finance.recon_title');
  const list = usePaged(fetchBillReconciliations);

  useDidShow(() => {
    if (getSession()) void list.reload();
  });
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const status = (r: BillReconciliationSummary): string =>
    r.status === 'differences' ? t('finance.recon_status.differences', { count: r.differenceCount }) : t(`finance.recon_status.${r.status}`);

  let body;
  if (list.first.status === 'error') body = <LoadError error={list.first.error} onRetry={() => void list.reload()} />;
  else if (list.first.status !== 'ok') body = <Loading id="admin-recon-loading" />;
  else if (list.items.length === 0)
    body = <EmptyState id="admin-recon-empty" icon="category" title={t('finance.recon_empty_title')} body={t('finance.recon_empty_body')} />;
  else
    body = (
      <View>
        <View id="admin-recon-list" className="card">
          {list.items.map((r) => (
            <View
              key={`${r.date}-${r.provider}`}
              id={`admin-recon-${r.date}-${r.provider}`}
              className="row admin__item"
              role="button"
              onClick={() => void Taro.navigateTo({ url: `/admin/pages/reconciliation-day/index?date=${r.date}&provider=${r.provider}` })}
            >
              <View className="admin__item-main">
                <Text className="admin__item-title">
                  {t(`finance.recon_provider.${r.provider}`)} · {t('finance.recon_day', { date: r.date })}
                </Text>
                <Text className="admin__item-sub">
                  {t('finance.recon_lines', { count: r.lines })} · {t('finance.recon_paid', { amount: priceText(r.paid, lang) })} ·{' '}
                  {t('finance.recon_refunded', { amount: priceText(r.refunded, lang) })}
                </Text>
                <Text className="admin__item-sub">{t('finance.recon_ran_at', { time: shortDateTime(r.ranAt) })}</Text>
              </View>
              <Text className={`admin__status admin__status--recon-${r.status}`}>{status(r)}</Text>
            </View>
          ))}
        </View>
        <ListFooter id="admin-recon-more" hasMore={Boolean(list.cursor)} loading={list.loadingMore} onMore={() => void list.loadMore()} />
      </View>
    );

  return (
    <AdminGuard permission="platform:finance:read" pageId="page-admin-reconciliation">
      <Text className="admin__muted admin__recon-help">{t('finance.recon_help')}</Text>
      {body}
    </AdminGuard>
  );
}
