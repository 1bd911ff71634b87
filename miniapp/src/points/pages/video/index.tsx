import '../../messages';
import Taro from '@tarojs/taro';
import { Button, Text, Video, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import type { CompletedView, HouseCreative, StartedView } from '@wxshop/shared';
import { EmptyState, ErrorState, Loading, SignInRequired } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../services/session';
import { completeView, fetchPoints, startView } from '../../../services/points';
import { platformRewardedAd } from '../../../platform/rewarded-ad';
import '../../components/points.scss';

type State =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'missing' }
  | { status: 'playing'; view: StartedView; creative: HouseCreative; readyAt: number }
  | { status: 'wechat'; playing: boolean; note: string | null }
  | { status: 'claiming' }
  | { status: 'done'; result: CompletedView };

/**
 * A rewarded video (ADR 0068): a house video plays with a countdown from the server's duration, and
 * the points are claimed when it reaches zero; without a house video, WeChat's own rewarded ad (weapp).
 */
export default function RewardedVideoPage() {
  const { t } = useI18n();
  usePageTitle('points.video_page_title');
  const session = useSession();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [now, setNow] = useState(Date.now());
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  const begin = async () => {
    setState({ status: 'loading' });
    try {
      const summary = await fetchPoints();
      if (summary.houseCreative) {
        const view = await startView('house', summary.houseCreative.id);
        // counted from the answer's arrival: never before the server's own start
        setNow(Date.now());
        setState({ status: 'playing', view, creative: summary.houseCreative, readyAt: Date.now() + view.durationSeconds * 1000 });
      } else if (platformRewardedAd.adUnitId) setState({ status: 'wechat', playing: false, note: null });
      else setState({ status: 'missing' });
    } catch (error) {
      setState({ status: 'error', error });
    }
  };

  useEffect(() => {
    if (session) void begin();
    timer.current = setInterval(() => setNow(Date.now()), 500);
    return () => {
      if (timer.current) clearInterval(timer.current);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per page
  }, []);

  const claim = async (token: string) => {
    setState({ status: 'claiming' });
    try {
      setState({ status: 'done', result: await completeView(token) });
    } catch (error) {
      setState({ status: 'error', error });
    }
  };

  const watchWechat = async () => {
    const adUnitId = platformRewardedAd.adUnitId;
    if (!adUnitId) return;
    setState({ status: 'wechat', playing: true, note: null });
    try {
      const view = await startView('wechat', adUnitId);
      const outcome = await platformRewardedAd.show();
      if (outcome !== 'ended') {
        setState({ status: 'wechat', playing: false, note: t(outcome === 'closed' ? 'points.video_closed' : 'points.video_unsupported') });
        return;
      }
      const wait = Date.parse(view.completableAt) - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait + 500));
      await claim(view.token);
    } catch (error) {
      setState({ status: 'error', error });
    }
  };

  const back = () => void Taro.navigateBack().catch(() => undefined);

  if (!session) return <SignInRequired id="points-video-signin" />;
  let body;
  if (state.status === 'loading') body = <Loading id="points-video-loading" />;
  else if (state.status === 'claiming') body = <Loading id="points-video-claiming" />;
  else if (state.status === 'error') body = <ErrorState id="points-video-error" error={state.error} onRetry={() => void begin()} />;
  else if (state.status === 'missing')
    body = <EmptyState id="points-video-missing" icon="home" title={t('points.video_title')} body={t('points.video_missing')} />;
  else if (state.status === 'playing') {
    const left = Math.max(0, Math.ceil((state.readyAt - now) / 1000));
    body = (
      <View id="points-video-playing">
        <View className="points-video__frame">
          <Video
            id="points-video-player"
            className="points-video__player"
            src={state.creative.videoUrl}
            poster={state.creative.posterUrl ?? undefined}
            autoplay
            controls={false}
            showProgress={false}
            enableProgressGesture={false}
            muted
          />
        </View>
        <Text className="points-video__title">{state.creative.title}</Text>
        <Text id="points-video-countdown" className="points-video__countdown">
          {left > 0 ? t('points.video_countdown', { n: left }) : ' '}
        </Text>
        <Button id="points-video-claim" className="btn btn--primary" disabled={left > 0 || undefined} onClick={() => void claim(state.view.token)}>
          {t('points.video_claim', { n: state.view.points })}
        </Button>
      </View>
    );
  } else if (state.status === 'wechat')
    body = (
      <View id="points-video-wechat">
        {state.note ? (
          <Text id="points-video-note" className="points-video__result">
            {state.note}
          </Text>
        ) : null}
        <Button id="points-video-wechat-button" className="btn btn--primary" disabled={state.playing || undefined} onClick={() => void watchWechat()}>
          {state.playing ? t('points.video_wechat_playing') : t('points.video_button')}
        </Button>
      </View>
    );
  else
    body = (
      <View id="points-video-done">
        <Text id="points-video-result" className="points-video__result">
          {state.result.outcome === 'credited'
            ? t('points.video_credited', { n: state.result.credited })
            : state.result.outcome === 'held'
              ? t('points.video_held')
              : t('points.video_capped')}
        </Text>
        <Button id="points-video-back" className="btn btn--ghost" onClick={back}>
          {t('points.video_back')}
        </Button>
      </View>
    );

  return (
    <View id="page-points-video" className="page points-video">
      {body}
    </View>
  );
}
