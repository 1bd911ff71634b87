import '../../messages';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useCallback, useRef, useState } from 'react';
import { EmptyState, ErrorState, Loading, SignInRequired } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { fetchInbox, markRead, type ShopperMessage } from '../../../services/inbox';
import { toast, toastError } from '../../../services/request';
import { getSession, useSession } from '../../../services/session';
import { carrierName, dateTime } from '../../lib/format';
import { orderUrls } from '../../lib/urls';
import '../orders.scss';

type InboxState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ok'; items: ShopperMessage[]; nextCursor: string | null; unread: number; loadingMore: boolean };

/** The shopper's order and parcel news, newest first, paged; opening one marks it read and shows its order. */
export default function InboxPage() {
  const { lang, t } = useI18n();
  usePageTitle('inbox.title');
  const session = useSession();
  const [state, setState] = useState<InboxState>({ status: 'loading' });
  const [marking, setMarking] = useState(false);
  const stateRef = useRef(state);
  stateRef.current = state;
  const seq = useRef(0);

  const reload = useCallback(async (keepRows = false) => {
    const mine = ++seq.current;
    if (!keepRows || stateRef.current.status !== 'ok') setState({ status: 'loading' });
    try {
      const page = await fetchInbox();
      if (mine === seq.current) setState({ status: 'ok', items: page.items, nextCursor: page.nextCursor, unread: page.unread, loadingMore: false });
    } catch (error) {
      if (mine !== seq.current) return;
      if (keepRows && stateRef.current.status === 'ok') toastError(error);
      else setState({ status: 'error', error });
    }
  }, []);

  const more = useCallback(async () => {
    const s = stateRef.current;
    if (s.status !== 'ok' || !s.nextCursor || s.loadingMore) return;
    const mine = seq.current;
    setState({ ...s, loadingMore: true });
    try {
      const page = await fetchInbox(s.nextCursor);
      if (mine === seq.current)
        setState((cur) =>
          cur.status === 'ok' ? { ...cur, items: [...cur.items, ...page.items], nextCursor: page.nextCursor, unread: page.unread, loadingMore: false } : cur,
        );
    } catch (e) {
      toastError(e);
      if (mine === seq.current) setState((cur) => (cur.status === 'ok' ? { ...cur, loadingMore: false } : cur));
    }
  }, []);

  useDidShow(() => {
    if (getSession()) void reload(true);
  });
  usePullDownRefresh(() => {
    if (!getSession()) return void Taro.stopPullDownRefresh();
    void reload(true).finally(() => void Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void more());

  /** Shown read at once; the server is told on the way to the order (a failure only leaves it unread there). */
  const open = (m: ShopperMessage) => {
    if (!m.read) {
      setState((s) =>
        s.status === 'ok' ? { ...s, unread: Math.max(0, s.unread - 1), items: s.items.map((x) => (x.id === m.id ? { ...x, read: true } : x)) } : s,
      );
      void markRead([m.id])
        .then((r) => setState((s) => (s.status === 'ok' ? { ...s, unread: r.unread } : s)))
        .catch(() => undefined);
    }
    void Taro.navigateTo({ url: orderUrls.detail(m.orderId) });
  };

  const markAll = async () => {
    setMarking(true);
    try {
      const r = await markRead('all');
      setState((s) => (s.status === 'ok' ? { ...s, unread: r.unread, items: s.items.map((x) => ({ ...x, read: true })) } : s));
      toast(t('inbox.marked_all'));
    } catch (e) {
      toastError(e);
    } finally {
      setMarking(false);
    }
  };

  const body = (m: ShopperMessage): string => {
    if (m.parcel) {
      const parcel = t('inbox.body.parcel', { carrier: carrierName(m.parcel.carrierCode, lang), tracking: m.parcel.trackingNumber });
      return m.parcel.description ? `${parcel} · ${m.parcel.description}` : parcel;
    }
    return m.kind === 'order_paid' || m.kind === 'order_shipped' || m.kind === 'order_delivered' || m.kind === 'order_completed'
      ? t(`inbox.body.${m.kind}`, { store: m.storeName })
      : '';
  };

  let content;
  if (!session) content = <SignInRequired id="inbox-signin" />;
  else if (state.status === 'error') content = <ErrorState id="inbox-error" error={state.error} onRetry={() => void reload()} />;
  else if (state.status === 'loading') content = <Loading id="inbox-loading" />;
  else if (state.items.length === 0) content = <EmptyState id="inbox-empty" icon="me" title={t('inbox.empty_title')} body={t('inbox.empty_body')} />;
  else
    content = (
      <View id="inbox-list">
        <View className="card o-inbox__bar">
          <Text id="inbox-unread" className="o-muted">
            {t('inbox.unread_count', { count: state.unread })}
          </Text>
          <Button
            id="inbox-mark-all"
            className="btn btn--ghost o-inbox__mark"
            disabled={state.unread === 0 || marking || undefined}
            loading={marking || undefined}
            onClick={() => void markAll()}
          >
            {t('inbox.mark_all')}
          </Button>
        </View>
        {state.items.map((m) => (
          <View
            key={m.id}
            id={`inbox-${m.id}`}
            className={`card o-inbox__item${m.read ? '' : ' o-inbox__item--unread'}`}
            data-read={m.read ? 'true' : 'false'}
            role="link"
            onClick={() => open(m)}
          >
            <View className="o-card__head">
              <Text className="o-inbox__title">
                {m.read ? null : (
                  <Text className="o-inbox__dot" aria-label={t('inbox.unread')}>
                    ●{' '}
                  </Text>
                )}
                {t(`inbox.kind.${m.kind}`)}
              </Text>
              <Text className="o-muted">{dateTime(m.createdAt)}</Text>
            </View>
            <Text className="o-inbox__body">{body(m)}</Text>
            <View className="o-inbox__foot">
              <Text className="o-muted">{m.storeName}</Text>
              <Text className="o-link">{t('inbox.open_order')} ›</Text>
            </View>
          </View>
        ))}
        <View className="o-more">
          {state.nextCursor ? (
            <Button
              id="inbox-more"
              className="btn btn--ghost"
              loading={state.loadingMore || undefined}
              disabled={state.loadingMore || undefined}
              onClick={() => void more()}
            >
              {t('common.load_more')}
            </Button>
          ) : (
            <View id="inbox-end" className="o-muted o-end">
              {t('common.no_more')}
            </View>
          )}
        </View>
      </View>
    );

  return (
    <View id="page-inbox" className="page o-page">
      {content}
    </View>
  );
}
