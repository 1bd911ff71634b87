import '../../messages';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ErrorState, Loading, SignInRequired } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fetchEarnings } from '../../../services/distribution';
import { getSession, useSession } from '../../../services/session';
import { day, money } from '../../lib';
import '../../share.scss';

/** Earnings: pending, available, withdrawn and owed commission, and the newest postings. */
export default function EarningsPage() {
  const { lang, t } = useI18n();
  usePageTitle('distribution.earnings_title');
  const session = useSession();
  const [state, load] = useRemote(fetchEarnings);

  useDidShow(() => {
    if (getSession()) void load();
  });
  usePullDownRefresh(() => void load().finally(() => void Taro.stopPullDownRefresh()));

  let body;
  const data = 'data' in state ? state.data : undefined;
  if (!session) body = <SignInRequired id="earnings-signin" />;
  else if (state.status === 'error' && !data) body = <ErrorState id="earnings-error" error={state.error} onRetry={() => void load()} />;
  else if (!data) body = <Loading id="earnings-loading" />;
  else
    body = (
      <View>
        <View id="earnings-figures" className="card d-card">
          <View className="d-figures">
            {(['pending', 'available', 'withdrawn', 'owed'] as const).map((k) => (
              <View key={k} id={`earnings-${k}`} className="d-figure">
                <Text className="d-figure__label">{t(`distribution.${k}`)}</Text>
                <Text className="d-figure__value">{money(data[k], lang)}</Text>
              </View>
            ))}
          </View>
          <Text className="d-muted">{t('distribution.pending_hint')}</Text>
          {data.owed.amount > 0 ? <Text className="d-muted">{t('distribution.owed_hint')}</Text> : null}
        </View>
        <View id="earnings-postings" className="card d-card">
          <Text className="d-section-title">{t('distribution.postings')}</Text>
          {data.postings.length === 0 ? (
            <Text id="earnings-empty" className="d-muted">
              {t('distribution.postings_empty')}
            </Text>
          ) : (
            data.postings.map((p) => (
              <View key={p.id} id={`posting-${p.id}`} className="d-row">
                <View className="d-row__main">
                  <Text>{t(`distribution.posting.${p.kind}`, { tier: p.tier })}</Text>
                  <Text className="d-muted">
                    {t('distribution.order_no', { id: p.orderId.slice(-8) })} · {day(p.at)}
                  </Text>
                </View>
                <Text className={`d-row__amount${p.amount.amount < 0 ? ' d-row__amount--minus' : ''}`}>{money(p.amount, lang)}</Text>
              </View>
            ))
          )}
        </View>
      </View>
    );

  return (
    <View id="page-earnings" className="page d-page">
      {body}
    </View>
  );
}
