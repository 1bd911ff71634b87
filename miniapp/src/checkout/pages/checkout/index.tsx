import '../../messages';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatMoney, type CheckoutLineInput, type Preview } from '@wxshop/shared';
import { EmptyState, ErrorState, Loading, SignInRequired } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { fetchAddresses, type Address } from '../../../services/addresses';
import { fetchCart } from '../../../services/cart';
import { fetchPreview, placeOrders } from '../../../services/checkout';
import { errorCode, errorText, isApiError } from '../../../services/request';
import { useSession } from '../../../services/session';
import { useParams } from '../../../shop/lib/params';
import { AddressText } from '../../components/address-card';
import { createAttempts } from '../../lib/attempt';
import { previewChanges, type PreviewChange } from '../../lib/changes';
import { parseBuyParam, selectedCartLines } from '../../lib/lines';
import { takePickedAddress } from '../../lib/picked';
import { problemMessage } from '../../lib/problems';
import { StoreSection } from './store-section';
import '../checkout.scss';

interface Basket {
  lines: CheckoutLineInput[];
  /** Titles of the lines as the cart knows them (a line the preview no longer prices still has a name). */
  titles: Map<string, string>;
}

const urls = {
  addresses: '/checkout/pages/addresses/index?pick=1',
  newAddress: '/checkout/pages/address-edit/index',
  pay: (id: string) => `/checkout/pages/pay/index?id=${encodeURIComponent(id)}`,
};

/**
 * Checkout: the delivery address (the default unless another is picked), each store's lines,
 * shipping and note, the total; "place order" sends SKUs, quantities and the preview's fingerprint
 * with one Idempotency-Key per attempt. A 409 shows what changed and the new total.
 */
export default function CheckoutPage() {
  const { lang, t } = useI18n();
  usePageTitle('checkout.title');
  const { buy } = useParams();
  const userId = useSession()?.profile.id;
  const [basket, setBasket] = useState<Basket | null>(null);
  const [addresses, setAddresses] = useState<Address[] | null>(null);
  const [addressId, setAddressId] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [changes, setChanges] = useState<PreviewChange[]>([]);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const attempts = useRef(createAttempts());

  const loadAll = async () => {
    setLoadError(null);
    try {
      const bought = buy ? parseBuyParam(buy) : null;
      const [book, nextBasket] = await Promise.all([
        fetchAddresses(),
        bought
          ? Promise.resolve<Basket>({ lines: [bought], titles: new Map() })
          : fetchCart().then((cart) => ({
              lines: selectedCartLines(cart),
              titles: new Map(cart.stores.flatMap((s) => s.lines.map((l) => [l.skuId, l.title] as const))),
            })),
      ]);
      setAddresses(book);
      setBasket((b) => b ?? nextBasket);
      setAddressId((current) => {
        const picked = takePickedAddress();
        const keep = [picked, current].find((id) => id && book.some((a) => a.id === id));
        return keep ?? book.find((a) => a.isDefault)?.id ?? book[0]?.id ?? null;
      });
    } catch (e) {
      setLoadError(e);
    }
  };

  useEffect(() => {
    if (userId) void loadAll();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per account
  }, [userId]);
  // Back from the address book (picked or added one): read it again.
  useDidShow(() => {
    if (userId && addresses) void loadAll();
  });

  const runPreview = async (id: string, lines: CheckoutLineInput[]) => {
    setPreviewError(null);
    try {
      setPreview(await fetchPreview({ addressId: id, lines }));
    } catch (e) {
      setPreviewError(e);
    }
  };
  useEffect(() => {
    if (addressId && basket?.lines.length) void runPreview(addressId, basket.lines);
  }, [addressId, basket]);

  const titles = useMemo(() => {
    const m = new Map(basket?.titles ?? []);
    preview?.stores.forEach((s) => s.lines.forEach((l) => m.set(l.skuId, l.title)));
    return m;
  }, [basket, preview]);

  const submit = async () => {
    if (!preview || !addressId || !basket) return;
    const trimmed = Object.fromEntries(
      Object.entries(notes)
        .filter(([, v]) => v.trim() !== '')
        .map(([k, v]) => [k, v.trim()]),
    );
    const body = { addressId, lines: basket.lines, fingerprint: preview.fingerprint, ...(Object.keys(trimmed).length ? { notes: trimmed } : {}) };
    setBusy(true);
    setSubmitError(null);
    try {
      const placed = await placeOrders(body, attempts.current.keyFor(body));
      attempts.current.done();
      void Taro.redirectTo({ url: urls.pay(placed.checkout.id) });
    } catch (e) {
      const next = isApiError(e) ? (e.details?.preview as Preview | undefined) : undefined;
      if (errorCode(e) === 'price_changed' && next) {
        setChanges(previewChanges(preview, next));
        setPreview(next);
      } else if (errorCode(e) === 'cannot_checkout' && next) {
        setChanges([]);
        setPreview(next);
      } else {
        // Same attempt: tapping again resends with the same key.
        setSubmitError(errorText(e));
      }
    } finally {
      setBusy(false);
    }
  };

  if (!userId)
    return (
      <View id="page-checkout" className="page">
        <SignInRequired id="checkout-signin" />
      </View>
    );
  if (loadError && !basket)
    return (
      <View id="page-checkout" className="page">
        <ErrorState id="checkout-error" error={loadError} onRetry={() => void loadAll()} />
      </View>
    );
  if (!basket || !addresses)
    return (
      <View id="page-checkout" className="page">
        <Loading id="checkout-loading" />
      </View>
    );
  if (basket.lines.length === 0)
    return (
      <View id="page-checkout" className="page">
        <EmptyState id="checkout-empty" icon="cart" title={t('checkout.empty_title')} body={t('checkout.empty_body')}>
          <Button id="checkout-back-cart" className="btn btn--ghost" onClick={() => void Taro.switchTab({ url: '/pages/cart/index' })}>
            {t('checkout.back_to_cart')}
          </Button>
        </EmptyState>
      </View>
    );

  const address = addresses.find((a) => a.id === addressId) ?? null;
  const blocked = !preview || preview.problems.length > 0 || !address;

  return (
    <View id="page-checkout" className="page co co--with-bar" data-fingerprint={preview?.fingerprint ?? ''}>
      {address ? (
        <View
          id="checkout-address"
          className="card co-card co-card--link"
          role="button"
          aria-label={t('checkout.change_address')}
          onClick={() => void Taro.navigateTo({ url: urls.addresses })}
        >
          <AddressText address={address} />
          <Text className="row__chevron">›</Text>
        </View>
      ) : (
        <View id="checkout-add-address" className="card co-card co-card--link" role="button" onClick={() => void Taro.navigateTo({ url: urls.newAddress })}>
          <Text className="co-card__lead">{t('checkout.add_address')}</Text>
          <Text className="row__chevron">›</Text>
        </View>
      )}

      {changes.length ? (
        <View id="checkout-changes" className="banner co-banner" role="alert">
          <Text className="co-banner__title">{t('checkout.changed_title')}</Text>
          {changes.map((c, i) => (
            <Text
              key={i}
              id={`checkout-change-${c.kind}${'skuId' in c ? `-${c.skuId}` : 'merchantId' in c ? `-${c.merchantId}` : ''}`}
              className="co-banner__line"
            >
              {c.kind === 'price'
                ? t('checkout.changed_price', { title: c.title, from: formatMoney(c.from, lang), to: formatMoney(c.to, lang) })
                : c.kind === 'shipping'
                  ? t('checkout.changed_shipping', { store: c.storeName, from: formatMoney(c.from, lang), to: formatMoney(c.to, lang) })
                  : c.kind === 'gone'
                    ? t('checkout.changed_gone', { title: c.title })
                    : t('checkout.changed_total', { from: formatMoney(c.from, lang), to: formatMoney(c.to, lang) })}
            </Text>
          ))}
        </View>
      ) : null}

      {preview && preview.problems.length ? (
        <View id="checkout-problems" className="banner co-banner" role="alert">
          {preview.problems.map((p, i) => {
            const m = problemMessage(p, preview, titles);
            return (
              <Text key={i} id={`checkout-problem-${p.kind}-${p.skuId ?? p.merchantId}`} className="co-banner__line">
                {t(m.key, m.vars)}
              </Text>
            );
          })}
        </View>
      ) : null}

      {previewError && !preview ? (
        <ErrorState id="checkout-preview-error" error={previewError} onRetry={() => addressId && void runPreview(addressId, basket.lines)} />
      ) : null}
      {!preview && !previewError && address ? <Loading id="checkout-preview-loading" /> : null}

      {preview?.stores.map((store) => (
        <StoreSection
          key={store.merchantId}
          store={store}
          note={notes[store.merchantId] ?? ''}
          onNote={(v) => setNotes((n) => ({ ...n, [store.merchantId]: v }))}
        />
      ))}

      {preview ? (
        <View id="checkout-summary" className="card co-card co-summary">
          <View className="co-row">
            <Text>{t('checkout.subtotal')}</Text>
            <Text id="checkout-subtotal">{formatMoney(preview.subtotal, lang)}</Text>
          </View>
          <View className="co-row">
            <Text>{t('checkout.shipping')}</Text>
            <Text id="checkout-shipping">{preview.shipping.amount === 0 ? t('checkout.free') : formatMoney(preview.shipping, lang)}</Text>
          </View>
        </View>
      ) : null}

      {submitError ? (
        <Text id="checkout-submit-error" className="form-error co-error">
          {submitError}
        </Text>
      ) : null}

      <View id="checkout-footer" className="co-footer">
        <View className="co-footer__sum">
          <Text>{t('checkout.total')}</Text>
          <Text id="checkout-total" className="co-footer__total">
            {preview ? formatMoney(preview.total, lang) : '—'}
          </Text>
        </View>
        <Button
          id="checkout-submit"
          className="btn btn--primary btn--small"
          loading={busy || undefined}
          disabled={busy || blocked || undefined}
          onClick={() => void submit()}
        >
          {t('checkout.submit')}
        </Button>
      </View>
    </View>
  );
}
