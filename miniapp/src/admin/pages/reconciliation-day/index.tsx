import '../../messages';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { platformCan, type Money } from '@wxshop/shared';
import { BillProvider, type BillDifference } from '@wxshop/shared/reconciliation';
import { EmptyState, Loading } from '../../../components/states';
import { priceText } from '../../../components/product-card';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { toastError } from '../../../services/request';
import { fetchBillReconciliation, queueBillReconciliation } from '../../../services/reconciliation';
import { getSession, useSession } from '../../../services/session';
import { AdminGuard, LoadError } from '../../components/guard';
import { shortDateTime } from '../../lib/format';
import '../admin.scss';

/** One side of a difference: the provider's line or our record, or "nothing" when that side has none. */
function Side({ label, side, lang, none }: { label: string; side: BillDifference['bill'] | BillDifference['ours']; lang: string; none: string }) {
  const money: Money | null = side ? { amount: side.amount, currency: side.currency as Money['currency'] } : null;
  return (
    <View className="admin__recon-side">
      <Text className="admin__detail-label">{label}</Text>
      {side && money ? (
        <View className="admin__recon-side-body">
          <Text className="admin__recon-amount">{priceText(money, lang as never)}</Text>
          <Text className="admin__item-sub o-mono">{side.subMchid || '-'}</Text>
          <Text className="admin__item-sub o-mono">{side.transactionId}</Text>
          {'time' in side ? <Text className="admin__item-sub">{side.time}</Text> : null}
          {'ref' in side ? <Text className="admin__item-sub o-mono">{side.ref}</Text> : null}
        </View>
      ) : (
        <Text className="admin__item-sub">{none}</Text>
      )}
    </View>
  );
}

/** A day's reconciliation: its figures and every difference with both sides; finance may queue a new check. */
export default function AdminReconciliationDayPage() {
  const { t, lang } = useI18n();
  const { params } = useRouter();
  const date = params.date ?? '';
  // an unknown provider in the link is WeChat Pay's (the route's default)
  const provider = BillProvider.catch('wechatpay').parse(params.provider);
  usePageTitle('finance.recon_title');
  const session = useSession();
  const [report, load] = useRemote(() => fetchBillReconciliation(date, provider));
  const [queueing, setQueueing] = useState(false);

  useDidShow(() => {
    if (getSession() && date) void load();
  });
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const queue = async () => {
    setQueueing(true);
    try {
      await queueBillReconciliation(date, provider);
      void Taro.showToast({ title: t('finance.recon_run_done'), icon: 'none' });
      await load();
    } catch (err) {
      toastError(err);
    } finally {
      setQueueing(false);
    }
  };

  let body;
  if (report.status === 'error') body = <LoadError error={report.error} onRetry={() => void load()} />;
  else if (report.status !== 'ok') body = <Loading id="admin-recon-day-loading" />;
  else if (!report.data) body = <EmptyState id="admin-recon-day-missing" icon="category" title={t('finance.recon_not_found')} />;
  else {
    const r = report.data;
    const statusText = r.status === 'differences' ? t('finance.recon_status.differences', { count: r.differenceCount }) : t(`finance.recon_status.${r.status}`);
    body = (
      <View>
        <View id="admin-recon-day" className="card">
          <View className="admin__detail-head">
            <Text className="admin__detail-title">
              {t(`finance.recon_provider.${r.provider}`)} · {t('finance.recon_day', { date: r.date })}
            </Text>
            <Text id="admin-recon-day-status" className={`admin__status admin__status--recon-${r.status}`}>
              {statusText}
            </Text>
          </View>
          <View className="admin__detail-row">
            <Text className="admin__detail-label">{t('finance.recon_lines', { count: r.lines })}</Text>
            <Text className="admin__detail-value">{t('finance.recon_ran_at', { time: shortDateTime(r.ranAt) })}</Text>
          </View>
          <View className="admin__detail-row">
            <Text className="admin__detail-label">{t('finance.recon_paid', { amount: priceText(r.paid, lang) })}</Text>
            <Text className="admin__detail-value">{t('finance.recon_refunded', { amount: priceText(r.refunded, lang) })}</Text>
          </View>
          {r.status === 'failed' ? <Text className="admin__note">{t('finance.recon_failed_body', { error: r.error ?? '' })}</Text> : null}
          {r.status === 'queued' ? <Text className="admin__muted">{t('finance.recon_queued_body')}</Text> : null}
          {r.status === 'ok' ? (
            <Text id="admin-recon-day-clean" className="admin__muted">
              {t('finance.recon_no_differences')}
            </Text>
          ) : null}
        </View>
        {r.differences.length ? (
          <View id="admin-recon-differences" className="card">
            {r.differenceCount > r.differences.length ? (
              <Text className="admin__muted">{t('finance.recon_more_than_shown', { shown: r.differences.length, count: r.differenceCount })}</Text>
            ) : null}
            {r.differences.map((d, i) => (
              <View key={`${d.kind}-${d.no}-${i}`} className="admin__recon-diff" id={`admin-recon-diff-${i}`}>
                <Text className="admin__item-title">{t(`finance.recon_kind.${d.kind}`)}</Text>
                <Text className="admin__item-sub o-mono">{d.no}</Text>
                <View className="admin__recon-sides">
                  <Side label={t(`finance.recon_provider.${r.provider}`)} side={d.bill} lang={lang} none={t('finance.recon_none')} />
                  <Side label={t('finance.recon_our_side')} side={d.ours} lang={lang} none={t('finance.recon_none')} />
                </View>
              </View>
            ))}
          </View>
        ) : null}
        {session && platformCan(session.profile.roles, 'platform:finance:write') && r.status !== 'queued' ? (
          <View className="admin__actions admin__actions--page">
            <Button id="admin-recon-run" className="btn btn--ghost admin__action" loading={queueing} disabled={queueing} onClick={() => void queue()}>
              {t('finance.recon_run')}
            </Button>
          </View>
        ) : null}
      </View>
    );
  }

  return (
    <AdminGuard permission="platform:finance:read" pageId="page-admin-reconciliation-day">
      {body}
    </AdminGuard>
  );
}
