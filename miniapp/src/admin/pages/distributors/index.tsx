import '../../messages';
import '../../distribution-messages';
import { useDidShow } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { DISTRIBUTOR_STATUSES, type DistributorStatus } from '@wxshop/shared';
import { EmptyState, ListFooter, Loading } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { usePaged } from '../../../hooks/use-paged';
import { useI18n } from '../../../i18n';
import { fieldLabel } from '../../../platform/ui';
import { approveApplication, fetchDistributorQueue, rejectApplication, type Distributor } from '../../../services/distribution';
import { toast, toastError } from '../../../services/request';
import { getSession } from '../../../services/session';
import { AdminGuard, LoadError } from '../../components/guard';
import { Tabs } from '../../components/tabs';
import '../admin.scss';
import './distributors.scss';

/** Distributor applications by status; "applied" is the review queue, oldest first: approve, or reject with a reason the shopper sees. */
export default function AdminDistributorsPage() {
  const { t } = useI18n();
  usePageTitle('distribution.admin_title');
  const [status, setStatus] = useState<DistributorStatus>('applied');
  const statusRef = useRef(status);
  const list = usePaged<Distributor>((cursor) => fetchDistributorQueue(statusRef.current, cursor));
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);

  useDidShow(() => {
    if (getSession()) void list.reload();
  });

  const changeStatus = (next: DistributorStatus) => {
    statusRef.current = next;
    setStatus(next);
    setRejecting(null);
    void list.reload();
  };

  const decide = async (d: Distributor, approve: boolean) => {
    if (!approve && !reason.trim()) {
      setProblem(true);
      return;
    }
    setBusy(d.userId);
    try {
      if (approve) await approveApplication(d.userId);
      else await rejectApplication(d.userId, reason.trim());
      toast(t(approve ? 'distribution.approved_toast' : 'distribution.rejected_toast'));
      setRejecting(null);
      setReason('');
      void list.reload();
    } catch (e) {
      toastError(e);
    } finally {
      setBusy(null);
    }
  };

  let body;
  if (list.first.status === 'error') body = <LoadError error={list.first.error} onRetry={() => void list.reload()} />;
  else if (list.first.status !== 'ok') body = <Loading />;
  else if (list.items.length === 0) body = <EmptyState id="distributors-empty" icon="me" title={t('distribution.admin_empty')} />;
  else
    body = (
      <View>
        <View id="distributors-list" className="card">
          {list.items.map((d) => (
            <View key={d.userId} id={`distributor-${d.userId}`} className="a-dist__item">
              <Text className="admin__item-title a-dist__line">{d.nickname || d.userId}</Text>
              <Text className="admin__item-sub a-dist__line">{t('distribution.admin_applied_at', { date: d.appliedAt.slice(0, 10) })}</Text>
              {d.note ? <Text className="admin__item-sub a-dist__line">{t('distribution.admin_note', { note: d.note })}</Text> : null}
              {d.reason ? <Text className="admin__item-reason a-dist__line">{t('distribution.reason', { reason: d.reason })}</Text> : null}
              {d.status === 'applied' ? (
                rejecting === d.userId ? (
                  <View className="field a-dist__actions">
                    <Text className="field__label">{t('distribution.reject_reason')}</Text>
                    <Textarea
                      {...fieldLabel(t('distribution.reject_reason'))}
                      id={`distributor-reason-${d.userId}`}
                      className="admin__textarea"
                      maxlength={200}
                      value={reason}
                      onInput={(e) => {
                        setReason(e.detail.value);
                        setProblem(false);
                      }}
                    />
                    {problem ? <Text className="form-error">{t('distribution.reject_reason_required')}</Text> : null}
                    <Button
                      id={`distributor-reject-confirm-${d.userId}`}
                      className="btn btn--danger"
                      loading={busy === d.userId || undefined}
                      disabled={busy !== null || undefined}
                      onClick={() => void decide(d, false)}
                    >
                      {t('distribution.reject')}
                    </Button>
                  </View>
                ) : (
                  <View className="admin__actions a-dist__actions">
                    <Button
                      id={`distributor-approve-${d.userId}`}
                      className="btn btn--primary admin__action"
                      loading={busy === d.userId || undefined}
                      disabled={busy !== null || undefined}
                      onClick={() => void decide(d, true)}
                    >
                      {t('distribution.approve')}
                    </Button>
                    <Button id={`distributor-reject-${d.userId}`} className="btn btn--ghost admin__action" onClick={() => setRejecting(d.userId)}>
                      {t('distribution.reject')}
                    </Button>
                  </View>
                )
              ) : null}
            </View>
          ))}
        </View>
        <ListFooter id="distributors-more" hasMore={Boolean(list.cursor)} loading={list.loadingMore} onMore={() => void list.loadMore()} />
      </View>
    );

  return (
    <AdminGuard permission="platform:distribution:review" pageId="page-admin-distributors">
      <View className="admin__bar">
        <Tabs
          idPrefix="distributors-tab"
          options={DISTRIBUTOR_STATUSES}
          value={status}
          label={(s) => t(`distribution.admin_tab.${s}`)}
          onChange={changeStatus}
        />
      </View>
      {body}
    </AdminGuard>
  );
}
