import '../../messages';
import { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ExpiringPoints, PointsSummary } from '@wxshop/shared';
import { ErrorState, Loading, SignInRequired } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { toast, toastError } from '../../../services/request';
import { getSession, useSession } from '../../../services/session';
import { checkInToday, fetchExpiring, fetchPoints, fetchPostings } from '../../../services/points';
import { platformRewardedAd } from '../../../platform/rewarded-ad';
import { PointsHistory, type HistoryState } from '../../components/history';
import { POINTS_URLS, goTo, shanghaiDate } from '../../lib';
import '../../components/points.scss';

type Summary = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ok'; data: PointsSummary; expiring: ExpiringPoints };

/** The points centre: the balance, today's check-in with the streak, a video to watch, what expires soon, the history. */
export default function PointsCentrePage() {
  const { t } = useI18n();
  usePageTitle('points.title');
  const session = useSession();
  const [summary, setSummary] = useState<Summary>({ status: 'loading' });
  const [history, setHistory] = useState<HistoryState>({ status: 'loading' });
  const [checking, setChecking] = useState(false);

  const loadSummary = async () => {
    try {
      const [data, expiring] = await Promise.all([fetchPoints(), fetchExpiring()]);
      setSummary({ status: 'ok', data, expiring });
    } catch (error) {
      setSummary({ status: 'error', error });
    }
  };
  const loadHistory = async (cursor?: string) => {
    if (cursor) setHistory((s) => (s.status === 'ok' ? { ...s, more: true } : s));
    try {
      const page = await fetchPostings(cursor);
      setHistory((s) => ({ status: 'ok', items: cursor && s.status === 'ok' ? [...s.items, ...page.items] : page.items, next: page.nextCursor, more: false }));
    } catch (error) {
      setHistory({ status: 'error', error });
    }
  };

  useDidShow(() => {
    if (!getSession()) return;
    void loadSummary();
    void loadHistory();
  });

  if (!session) return <SignInRequired id="points-signin" />;
  if (summary.status === 'loading') return <Loading id="points-loading" />;
  if (summary.status === 'error')
    return (
      <View id="page-points" className="page points">
        <ErrorState id="points-error" error={summary.error} onRetry={() => void loadSummary()} />
      </View>
    );

  const { data, expiring } = summary;
  const doCheckIn = async () => {
    setChecking(true);
    try {
      const r = await checkInToday();
      if (r.credited > 0) toast(t('points.checkin_credited', { n: r.credited }));
      await Promise.all([loadSummary(), loadHistory()]);
    } catch (e) {
      toastError(e);
    } finally {
      setChecking(false);
    }
  };

  const wechat = !data.houseCreative && platformRewardedAd.adUnitId !== null;
  const videoDone = wechat ? data.views.wechatToday >= data.views.wechatDailyViews : data.views.today >= data.views.dailyViews;
  // the streak as a week of dots: today's place in it (the streak up to yesterday until checked in)
  const lit = data.checkIn.streak > 0 ? ((data.checkIn.streak - 1) % 7) + 1 : 0;

  return (
    <View id="page-points" className="page points">
      <View id="points-balance" className="points-balance">
        <Text className="points-balance__label">{t('points.available')}</Text>
        <Text id="points-available" className="points-balance__value">
          {data.available}
        </Text>
        {data.frozen > 0 ? <Text className="points-balance__line">{t('points.frozen', { n: data.frozen })}</Text> : null}
        <Text id="points-expiring-line" className="points-balance__line">
          {data.expiringSoon.points > 0 ? t('points.expiring', { n: data.expiringSoon.points }) : t('points.expiring_none')}
        </Text>
      </View>

      <View id="points-checkin" className="card points-card">
        <View className="points-task">
          <View className="points-task__text">
            <Text className="points-task__title">{t('points.checkin_title')}</Text>
            <Text id="points-streak" className="points-task__body">
              {data.checkIn.streak > 0 ? t('points.checkin_streak', { n: data.checkIn.streak }) : t('points.checkin_streak_none')}
            </Text>
          </View>
          {data.checkIn.checkedInToday ? (
            <Button id="points-checkin-done" className="btn btn--ghost" disabled>
              {t('points.checkin_done', { n: data.checkIn.points })}
            </Button>
          ) : (
            <Button
              id="points-checkin-button"
              className="btn btn--primary"
              loading={checking || undefined}
              disabled={checking || undefined}
              onClick={() => void doCheckIn()}
            >
              {t('points.checkin_button', { n: data.checkIn.points })}
            </Button>
          )}
        </View>
        <View className="points-streak" aria-hidden>
          {Array.from({ length: 7 }, (_, i) => (
            <View key={i} className={`points-streak__day${i < lit ? ' points-streak__day--on' : ''}`}>
              {i + 1}
            </View>
          ))}
        </View>
        <Text className="points-task__body">{t('points.checkin_hint')}</Text>
      </View>

      <View id="points-video" className="card points-card">
        <View className="points-task">
          <View className="points-task__text">
            <Text className="points-task__title">{t('points.video_title')}</Text>
            <Text id="points-video-body" className="points-task__body">
              {!data.houseCreative && !wechat
                ? t('points.video_none')
                : videoDone
                  ? t('points.video_limit')
                  : wechat
                    ? t('points.video_wechat_body', { n: data.views.wechatPoints, done: data.views.wechatToday, max: data.views.wechatDailyViews })
                    : t('points.video_body', { n: data.views.points, done: data.views.today, max: data.views.dailyViews })}
            </Text>
          </View>
          <Button
            id="points-video-button"
            className="btn btn--primary"
            disabled={(!data.houseCreative && !wechat) || videoDone || undefined}
            onClick={() => goTo(POINTS_URLS.video)}
          >
            {t('points.video_button')}
          </Button>
        </View>
      </View>

      {expiring.batches.length > 0 ? (
        <View id="points-expiring" className="card">
          <View className="card__header">{t('points.expiring_title')}</View>
          <View className="points-list">
            {expiring.batches.map((b) => (
              <View key={b.id} className="points-row">
                <View className="points-row__main">
                  <Text className="points-row__title">{t(`points.source.${b.source}`)}</Text>
                  <Text className="points-row__sub">{t('points.expires_on', { date: shanghaiDate(b.expiresAt) })}</Text>
                </View>
                <Text className="points-row__amount points-row__amount--minus">{b.points}</Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}

      <PointsHistory
        state={history}
        onMore={() => void loadHistory(history.status === 'ok' ? (history.next ?? undefined) : undefined)}
        onRetry={() => void loadHistory()}
      />
    </View>
  );
}
