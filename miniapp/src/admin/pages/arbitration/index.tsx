import '../../messages';
import { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { formatMoney } from '@wxshop/shared';
import type { DecideArbitrationInput } from '@wxshop/shared/after-sales';
import { Loading } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { decideCase, fetchArbitrationCase } from '../../../services/arbitration';
import { isApiError, toast, toastError } from '../../../services/request';
import { getSession } from '../../../services/session';
import { DetailRow } from '../../components/detail-row';
import { AdminGuard, LoadError } from '../../components/guard';
import { useIdempotencyKey } from '../../components/keys';
import { shortDateTime } from '../../lib/format';
import '../admin.scss';
import './arbitration.scss';
import { CaseHistory } from './case-history';
import { CaseSummary } from './case-summary';
import { DecideForm } from './decide-form';
import { EvidenceList } from './evidence-list';

/** One escalated case (ADR 0059): both sides' words, photos and evidence, every step; decide it with a reason. */
export default function AdminArbitrationPage() {
  const { t, lang } = useI18n();
  usePageTitle('admin.arbitration_title');
  const id = useRouter().params.id ?? '';
  const [detail, load] = useRemote(() => fetchArbitrationCase(id));
  const [meanwhile, setMeanwhile] = useState(false);
  const key = useIdempotencyKey('arbitrate');

  useDidShow(() => {
    if (getSession() && id) void load();
  });

  /** An API answer means the decision was taken or refused: the next gets a new key; a network failure keeps it for the retry. */
  const decide = async (body: DecideArbitrationInput) => {
    setMeanwhile(false);
    try {
      await decideCase(id, body, key.current());
      key.renew();
      toast(t('admin.arbitration_decided'));
      await load();
    } catch (e) {
      if (isApiError(e) && e.status > 0) key.renew();
      if (isApiError(e) && e.status === 409) {
        setMeanwhile(true);
        await load();
      } else toastError(e);
    }
  };

  let body;
  if (detail.status === 'error') body = <LoadError error={detail.error} onRetry={() => void load()} />;
  else if (!('data' in detail) || !detail.data) body = <Loading id="arbitration-loading" />;
  else {
    const { case: c, photoUrls, evidence } = detail.data;
    const a = c.arbitration;
    body = (
      <View className="arbitration">
        {meanwhile ? (
          <View id="arbitration-meanwhile" className="banner admin__banner">
            <Text>{t('admin.arbitration_decided_meanwhile')}</Text>
          </View>
        ) : null}
        {a ? (
          <View id="arbitration-outcome" className="card">
            <View className="card__header">{t('admin.arbitration_decided')}</View>
            <DetailRow id="arbitration-decision" label={t('admin.arbitration_decision')}>
              {t(`admin.arbitration_decision.${a.decision}`)}
            </DetailRow>
            {a.amount ? <DetailRow label={t('admin.arbitration_decision_amount')}>{formatMoney(a.amount, lang)}</DetailRow> : null}
            <DetailRow label={t('admin.arbitration_decision_at')}>{shortDateTime(a.at)}</DetailRow>
            <View className="admin__history">
              <Text className="admin__detail-label">{t('admin.arbitration_why')}</Text>
              <Text id="arbitration-decision-reason">{a.reason}</Text>
            </View>
          </View>
        ) : null}
        <CaseSummary item={c} photoUrls={photoUrls} />
        <EvidenceList evidence={evidence} />
        {c.status === 'escalated' ? <DecideForm key={c.id} item={c} onDecide={decide} /> : null}
        <CaseHistory history={c.history} />
      </View>
    );
  }

  return (
    <AdminGuard permission="platform:after_sale:arbitrate" pageId="page-admin-arbitration">
      {body}
    </AdminGuard>
  );
}
