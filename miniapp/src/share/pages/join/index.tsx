import '../../messages';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { EmptyState, ErrorState, Loading, SignInRequired } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fieldLabel } from '../../../platform/ui';
import { applyToDistribute, fetchMyDistributor, forgetDistributor, type MyDistributor } from '../../../services/distribution';
import { toast, toastError } from '../../../services/request';
import { getSession, useSession } from '../../../services/session';
import { money, shareUrls } from '../../lib';
import '../../share.scss';

/** Become a distributor (Me -> Share to earn): the program's rule, the application and its review, then the distributor's links. */
export default function JoinPage() {
  const { lang, t } = useI18n();
  usePageTitle('distribution.title');
  const session = useSession();
  const [state, load] = useRemote(fetchMyDistributor);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<MyDistributor | null>(null);

  useDidShow(() => {
    if (getSession()) void load();
  });

  const apply = async () => {
    setBusy(true);
    try {
      const next = await applyToDistribute(note.trim() || undefined);
      forgetDistributor();
      setAnswer(next);
      toast(t('distribution.applied_toast'));
      void load();
    } catch (e) {
      toastError(e);
    } finally {
      setBusy(false);
    }
  };

  let body;
  const data = answer && state.status !== 'ok' ? answer : state.status === 'ok' ? state.data : undefined;
  if (!session) body = <SignInRequired id="join-signin" />;
  else if (state.status === 'error' && !data) body = <ErrorState id="join-error" error={state.error} onRetry={() => void load()} />;
  else if (!data) body = <Loading id="join-loading" />;
  else if (!data.program.enabled && data.distributor?.status !== 'approved')
    body = <EmptyState id="join-off" icon="home" title={t('distribution.off_title')} body={t('distribution.off_body')} />;
  else {
    const d = data.distributor;
    const { program } = data;
    const canApply = !d || d.status === 'rejected';
    const reached = program.joinMode !== 'spend' || (program.spendThreshold !== null && program.spent.amount >= program.spendThreshold.amount);
    body = (
      <View>
        <View className="card d-card">
          <Text className="d-intro">{t('distribution.intro')}</Text>
          {program.joinMode === 'spend' && program.spendThreshold ? (
            <View className="d-actions">
              <Text id="join-spend-rule" className="d-muted">
                {t('distribution.spend_rule', { threshold: money(program.spendThreshold, lang) })}
              </Text>
              <Text id="join-spend-progress" className="d-muted">
                {t('distribution.spend_progress', { spent: money(program.spent, lang), threshold: money(program.spendThreshold, lang) })}
              </Text>
            </View>
          ) : null}
        </View>

        {d ? (
          <View id="join-status" className="card d-card" data-status={d.status}>
            <Text className={`d-status d-status--${d.status}`}>{t(`distribution.status.${d.status}`)}</Text>
            {d.status === 'rejected' && d.reason ? (
              <Text id="join-reason" className="d-muted">
                {t('distribution.reason', { reason: d.reason })}
              </Text>
            ) : null}
          </View>
        ) : null}

        {d?.status === 'approved' ? (
          <View id="join-links" className="card">
            <View id="join-share-link" className="row" onClick={() => void Taro.navigateTo({ url: shareUrls.share('invite') })}>
              <Text>{t('distribution.my_share')}</Text>
              <Text className="row__chevron">›</Text>
            </View>
            <View id="join-team-link" className="row" onClick={() => void Taro.navigateTo({ url: shareUrls.team() })}>
              <Text>{t('distribution.my_team')}</Text>
              <Text className="row__chevron">›</Text>
            </View>
            <View id="join-earnings-link" className="row" onClick={() => void Taro.navigateTo({ url: shareUrls.earnings() })}>
              <Text>{t('distribution.my_earnings')}</Text>
              <Text className="row__chevron">›</Text>
            </View>
          </View>
        ) : null}

        {canApply && program.enabled ? (
          <View id="join-form" className="card d-card">
            {program.joinMode === 'apply' ? (
              <View className="field">
                <Text className="field__label">{t('distribution.note_label')}</Text>
                <Textarea
                  {...fieldLabel(t('distribution.note_label'))}
                  id="join-note"
                  className="field__input"
                  maxlength={200}
                  placeholder={t('distribution.note_placeholder')}
                  value={note}
                  onInput={(e) => setNote(e.detail.value)}
                />
              </View>
            ) : null}
            <Button
              id="join-apply"
              className="btn btn--primary"
              disabled={busy || !reached || undefined}
              loading={busy || undefined}
              onClick={() => void apply()}
            >
              {d?.status === 'rejected' ? t('distribution.apply_again') : t(`distribution.join_${program.joinMode}`)}
            </Button>
          </View>
        ) : null}
      </View>
    );
  }

  return (
    <View id="page-join" className="page d-page">
      {body}
    </View>
  );
}
