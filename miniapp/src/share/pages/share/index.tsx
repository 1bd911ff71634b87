import '../../messages';
import Taro, { useDidShow, useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { EmptyState, ErrorState, Loading, SignInRequired } from '../../../components/states';
import { Picture } from '../../../components/picture';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fetchShare, type ShareKind } from '../../../services/distribution';
import { errorCode, toast, toastError } from '../../../services/request';
import { getSession, useSession } from '../../../services/session';
import { shareUrls } from '../../lib';
import '../../share.scss';

const KINDS: readonly ShareKind[] = ['invite', 'product', 'store'];

/** My share: the mini-program code (made once, stored), the copyable H5 link, and a chat card / Moments post carrying the scene. */
export default function SharePage() {
  const { t } = useI18n();
  usePageTitle('distribution.share_title');
  const { params } = useRouter();
  const kind = KINDS.find((k) => k === params.kind) ?? 'invite';
  const targetId = kind === 'invite' ? undefined : params.id;
  const session = useSession();
  const [state, load] = useRemote(() => fetchShare(kind, targetId));

  useDidShow(() => {
    if (getSession()) void load();
  });

  const share = state.status === 'ok' ? state.data : undefined;
  const path = share ? `/${share.page}?${share.targetId ? `id=${share.targetId}&` : ''}scene=${share.scene}` : '/pages/home/index';
  useShareAppMessage(() => ({ title: t('distribution.share_card'), path }));
  useShareTimeline(() => ({ title: t('distribution.share_card'), query: path.split('?')[1] ?? '' }));

  const copy = async (text: string) => {
    try {
      await Taro.setClipboardData({ data: text });
      toast(t('distribution.copied'));
    } catch (e) {
      toastError(e);
    }
  };

  let body;
  if (!session) body = <SignInRequired id="share-signin" />;
  else if (state.status === 'error' && errorCode(state.error) === 'forbidden')
    body = (
      <EmptyState id="share-not-distributor" icon="lock" title={t('distribution.not_distributor')}>
        <Button id="share-go-join" className="btn btn--primary state__action" onClick={() => void Taro.redirectTo({ url: shareUrls.join() })}>
          {t('distribution.go_join')}
        </Button>
      </EmptyState>
    );
  else if (state.status === 'error') body = <ErrorState id="share-error" error={state.error} onRetry={() => void load()} />;
  else if (!share) body = <Loading id="share-loading" />;
  else
    body = (
      <View id="share-card" className="card d-card" data-scene={share.scene}>
        <Text className="d-intro">{t('distribution.share_hint')}</Text>
        <Picture id="share-qr" className="d-qr" src={share.qrUrl} alt={t('distribution.qr_alt')} mode="aspectFit" />
        <Text className="field__label">{t('distribution.link_label')}</Text>
        <Text id="share-link" className="d-link" userSelect>
          {share.link}
        </Text>
        <Button id="share-copy" className="btn btn--primary" onClick={() => void copy(share.link)}>
          {t('distribution.copy_link')}
        </Button>
        <Button id="share-chat" className="btn btn--ghost d-actions" openType="share">
          {t('distribution.share_to_chat')}
        </Button>
      </View>
    );

  return (
    <View id="page-share" className="page d-page">
      {body}
    </View>
  );
}
