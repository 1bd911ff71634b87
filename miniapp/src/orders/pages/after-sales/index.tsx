import '../../messages';
import '../../../components/after-sales/messages';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useCallback, useRef, useState } from 'react';
import { formatMoney, type AfterSale } from '@wxshop/shared';
import { EmptyState, ErrorState, ListFooter, Loading, SignInRequired } from '../../../components/states';
import { SHOPPER_FILTERS, at, inFilter, shortCaseId, statusText, type ShopperFilter } from '../../../components/after-sales/format';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { fetchMyAfterSales } from '../../../services/after-sales';
import { getSession, useSession } from '../../../services/session';
import { afterSaleUrls } from '../../lib/urls';
import '../../../components/after-sales/after-sales.scss';

type State =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ok'; items: AfterSale[]; nextCursor: string | null; loadingMore: boolean };

/** The shopper's after-sale cases, newest first (one order's with `?orderId=`), filtered by state; paged. */
export default function MyAfterSalesPage() {
  const { lang, t } = useI18n();
  usePageTitle('after_sale.title');
  const session = useSession();
  const orderId = useRouter().params.orderId || undefined;
  const [filter, setFilter] = useState<ShopperFilter>('all');
  const [state, setState] = useState<State>({ status: 'loading' });
  const seq = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setState((s) => (s.status === 'ok' ? s : { status: 'loading' }));
    try {
      const page = await fetchMyAfterSales(undefined, orderId);
      if (mine === seq.current) setState({ status: 'ok', items: page.items, nextCursor: page.nextCursor, loadingMore: false });
    } catch (error) {
      if (mine === seq.current) setState({ status: 'error', error });
    }
  }, [orderId]);
  const more = async () => {
    if (state.status !== 'ok' || !state.nextCursor || state.loadingMore) return;
    const mine = seq.current;
    setState({ ...state, loadingMore: true });
    try {
      const page = await fetchMyAfterSales(state.nextCursor, orderId);
      if (mine === seq.current)
        setState((s) => (s.status === 'ok' ? { status: 'ok', items: [...s.items, ...page.items], nextCursor: page.nextCursor, loadingMore: false } : s));
    } catch {
      if (mine === seq.current) setState((s) => (s.status === 'ok' ? { ...s, loadingMore: false } : s));
    }
  };

  useDidShow(() => {
    if (getSession()) void reload();
  });
  usePullDownRefresh(() => void (getSession() ? reload() : Promise.resolve()).finally(() => void Taro.stopPullDownRefresh()));
  useReachBottom(() => void more());

  let body;
  if (!session) body = <SignInRequired id="as-list-signin" />;
  else if (state.status === 'error') body = <ErrorState id="as-list-error" error={state.error} onRetry={() => void reload()} />;
  else if (state.status === 'loading') body = <Loading id="as-list-loading" />;
  else if (state.items.length === 0) body = <EmptyState id="as-list-empty" icon="cart" title={t('after_sale.empty_title')} body={t('after_sale.empty_body')} />;
  else {
    const shown = state.items.filter((c) => inFilter(c, filter));
    body = (
      <View id="as-list">
        {shown.length === 0 ? <EmptyState id="as-list-empty-filter" icon="cart" title={t('after_sale.empty_filter')} /> : null}
        {shown.map((c) => (
          <View key={c.id} id={`as-case-${c.id}`} className="card as-card" onClick={() => void Taro.navigateTo({ url: afterSaleUrls.detail(c.id) })}>
            <View className="as-card__head">
              <Text className="as-section__title">{c.storeName}</Text>
              <Text id={`as-case-status-${c.id}`} className={`as-status as-status--${c.status}`}>
                {statusText(c.status)}
              </Text>
            </View>
            <Text className="as-card__title">{c.lines.map((l) => `${l.title} ×${l.quantity}`).join(lang.startsWith('zh') ? '，' : ', ')}</Text>
            <View className="as-card__foot">
              <Text className="as-muted">
                {t(`after_sale.kind.${c.kind}`)} · …{shortCaseId(c.id)} · {at(c.createdAt)}
              </Text>
              <Text id={`as-case-total-${c.id}`} className="as-card__total">
                {formatMoney(c.total, lang)}
              </Text>
            </View>
          </View>
        ))}
        <ListFooter id="as-list-more" endId="as-list-end" hasMore={Boolean(state.nextCursor)} loading={state.loadingMore} onMore={() => void more()} />
      </View>
    );
  }

  return (
    <View id="page-after-sales" className="page as-page">
      {session && state.status === 'ok' && state.items.length > 0 ? (
        <View className="as-filters" role="radiogroup" aria-label={t('after_sale.filters_label')}>
          {SHOPPER_FILTERS.map((f) => (
            <View
              key={f}
              id={`as-filter-${f}`}
              role="radio"
              aria-checked={f === filter}
              className={`as-chip ${f === filter ? 'as-chip--on' : ''}`}
              onClick={() => setFilter(f)}
            >
              {t(`after_sale.filter.${f}`)}
            </View>
          ))}
        </View>
      ) : null}
      {body}
    </View>
  );
}
