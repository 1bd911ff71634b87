import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Money } from '@wxshop/shared';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { usePageTitle } from '../../hooks/use-page-title';
import { useRemote } from '../../hooks/use-remote';
import { useTabBar } from '../../hooks/use-tab-bar';
import { useI18n } from '../../i18n';
import { fetchCart, removeLines, selectLines, setLineQuantity, setLineSelected, showCartBadge, type CartView } from '../../services/cart';
import { goToLogin, toast, toastError } from '../../services/request';
import { useSession } from '../../services/session';
import { blocked } from './cart-line-row';
import { CartFooter } from './cart-footer';
import { StoreGroup } from './store-group';
import './index.scss';

/** Where "check out" goes: the checkout subpackage, which reads the cart's selected lines itself. */
const CHECKOUT_URL = '/checkout/pages/checkout/index';

/** The selected, buyable lines' total at today's prices (shipping comes at checkout). */
function selectedTotal(cart: CartView): { total: Money | null; count: number } {
  let amount = 0;
  let currency: Money['currency'] | null = null;
  let count = 0;
  for (const store of cart.stores)
    for (const line of store.lines) {
      if (!line.selected || blocked(line)) continue;
      const price = line.price ?? line.seenPrice;
      currency ??= price.currency;
      amount += price.amount * line.quantity;
      count += 1;
    }
  return { total: currency ? { amount, currency } : null, count };
}

/**
 * Cart tab: lines grouped by store, each flagged with what changed since it was added; select lines,
 * a store or all; change quantities; edit mode to delete several; the selected total and check out.
 */
export default function CartPage() {
  const { t } = useI18n();
  usePageTitle('cart.title');
  useTabBar();
  const session = useSession();
  const userId = session?.profile.id;
  const [remote, load] = useRemote(fetchCart);
  const [cart, setCart] = useState<CartView | null>(null);
  const [editing, setEditing] = useState(false);
  const [marked, setMarked] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);

  // Every time the tab shows (the first time too): the cart changes from other pages.
  useDidShow(() => {
    if (userId) void load();
  });
  const shownFor = useRef(userId);
  useEffect(() => {
    if (shownFor.current === userId) return;
    // Signed in or out while this page stays mounted: forget the other account's cart.
    shownFor.current = userId;
    setCart(null);
    setMarked(new Set());
    if (userId) void load();
  }, [userId, load]);
  useEffect(() => {
    if (remote.status === 'ok') {
      setCart(remote.data);
      showCartBadge(remote.data.lineCount);
    }
  }, [remote]);

  const lines = useMemo(() => cart?.stores.flatMap((s) => s.lines) ?? [], [cart]);
  const { total, count } = useMemo(() => (cart ? selectedTotal(cart) : { total: null, count: 0 }), [cart]);

  /** Runs one change; the API answers the whole cart, which replaces what is shown. */
  const change = async (run: () => Promise<CartView>) => {
    setBusy(true);
    try {
      const next = await run();
      setCart(next);
    } catch (e) {
      toastError(e);
      void load();
    } finally {
      setBusy(false);
    }
  };

  const mark = (skuIds: string[], on: boolean) =>
    setMarked((m) => {
      const next = new Set(m);
      skuIds.forEach((id) => (on ? next.add(id) : next.delete(id)));
      return next;
    });

  const remove = async () => {
    const skuIds = [...marked];
    const { confirm } = await Taro.showModal({
      content: t('cart.delete_confirm', { count: skuIds.length }),
      cancelText: t('common.cancel'),
      confirmText: t('cart.delete_short'),
    });
    if (!confirm) return;
    setBusy(true);
    try {
      await removeLines(skuIds);
      setMarked(new Set());
      setEditing(false);
      toast(t('cart.deleted'));
      await load();
    } catch (e) {
      toastError(e);
    } finally {
      setBusy(false);
    }
  };

  // A visitor has no cart yet: the empty cart, with a way to sign in (and come back here) or to browse.
  if (!userId)
    return (
      <View id="page-cart" className="page">
        <EmptyState id="cart-empty" icon="cart" title={t('cart.empty_title')} body={t('cart.signed_out_body')}>
          <Button id="cart-signin-button" className="btn btn--primary" onClick={goToLogin}>
            {t('common.sign_in')}
          </Button>
          <Button id="cart-browse" className="btn btn--ghost cart__browse" onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}>
            {t('cart.browse')}
          </Button>
        </EmptyState>
      </View>
    );
  if (!cart && remote.status === 'error')
    return (
      <View id="page-cart" className="page">
        <ErrorState id="cart-error" error={remote.error} onRetry={() => void load()} />
      </View>
    );
  if (!cart)
    return (
      <View id="page-cart" className="page">
        <Loading id="cart-loading" />
      </View>
    );
  if (cart.stores.length === 0)
    return (
      <View id="page-cart" className="page">
        <EmptyState id="cart-empty" icon="cart" title={t('cart.empty_title')} body={t('cart.empty_body')}>
          <Button id="cart-browse" className="btn btn--ghost" onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}>
            {t('cart.browse')}
          </Button>
        </EmptyState>
      </View>
    );

  const buyable = lines.filter((l) => !blocked(l));
  const allSelected = buyable.length > 0 && buyable.every((l) => l.selected);
  const allMarked = lines.length > 0 && lines.every((l) => marked.has(l.skuId));
  const flagged = lines.filter((l) => l.changes.length > 0).length;

  return (
    <View id="page-cart" className="page cart" data-lines={cart.lineCount}>
      <View className="cart__bar">
        <Text id="cart-count" className="cart__count">
          {t('cart.lines', { count: cart.lineCount })}
        </Text>
        <Text
          id="cart-edit"
          className="cart__edit"
          onClick={() => {
            setEditing(!editing);
            setMarked(new Set());
          }}
        >
          {editing ? t('cart.done') : t('cart.edit')}
        </Text>
      </View>
      {flagged > 0 ? (
        <View id="cart-changed" className="banner cart__banner">
          <Text>{t('cart.changed_banner', { count: flagged })}</Text>
        </View>
      ) : null}
      {cart.stores.map((store) => (
        <StoreGroup
          key={store.merchantId}
          store={store}
          editing={editing}
          marked={marked}
          busy={busy}
          onSelectStore={(selected) => void change(() => selectLines({ merchantId: store.merchantId, selected }))}
          onSelectLine={(skuId, selected) => void change(() => setLineSelected(skuId, selected))}
          onMark={mark}
          onQuantity={(skuId, quantity) => void change(() => setLineQuantity(skuId, quantity))}
        />
      ))}
      <CartFooter
        editing={editing}
        allChecked={editing ? allMarked : allSelected}
        busy={busy}
        total={total}
        count={editing ? marked.size : count}
        onToggleAll={() =>
          editing
            ? mark(
                lines.map((l) => l.skuId),
                !allMarked,
              )
            : void change(() => selectLines({ selected: !allSelected }))
        }
        onCheckout={() => void Taro.navigateTo({ url: CHECKOUT_URL })}
        onDelete={() => void remove()}
      />
    </View>
  );
}
