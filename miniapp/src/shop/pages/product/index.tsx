import Taro, { useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { EmptyState, ErrorState, SignInRequired } from '../../../components/states';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fetchProduct, noteProductView } from '../../../services/browse';
import { addToCart } from '../../../services/cart';
import { setFavourite } from '../../../services/favourites';
import { errorCode, toast, toastError } from '../../../services/request';
import { getSession, useSession } from '../../../services/session';
import { fetchShare, isDistributorNow } from '../../../services/distribution';
import { useParams, useShopTitle } from '../../lib/params';
import { useSceneTarget } from '../../lib/scene-target';
import { initialSelection, selectedSku, toggleChip, type Selection } from '../../lib/sku';
import { ActionBar } from './action-bar';
import { Gallery } from './gallery';
import { PriceBlock } from './price-block';
import { ProductInfo } from './product-info';
import { ProductSkeleton } from './product-skeleton';
import { ReviewsBlock } from './reviews-block';
import { SkuSelector } from './sku-selector';
import { StoreCard } from './store-card';
import '../../components/shop.scss';
import './index.scss';

/** Product detail (GET /products/{id}): images, price, SKU selector, store, details; favourite; add to cart, buy now. */
export default function ProductPage() {
  const { lang, t } = useI18n();
  useShopTitle('shop.product_title');
  const { id: idParam = '', scene } = useParams();
  // opened from a mini-program code: only the scene is in the query, the product is the share's target
  const resolved = useSceneTarget('product', idParam, scene);
  const id = resolved ?? '';
  const session = useSession();
  const userId = session?.profile.id;
  const [detail, load] = useRemote(() => fetchProduct(id));
  // a distributor's cards and Moments posts carry their share's scene
  const [shareScene, setShareScene] = useState<string | null>(null);
  useEffect(() => {
    setShareScene(null);
    if (!id || !userId) return;
    let live = true;
    void isDistributorNow().then(async (yes) => {
      if (!yes) return;
      const share = await fetchShare('product', id).catch(() => null);
      if (live && share) setShareScene(share.scene);
    });
    return () => {
      live = false;
    };
  }, [id, userId]);
  const shareQuery = `id=${id}${shareScene ? `&scene=${shareScene}` : ''}`;
  useShareAppMessage(() => ({ title: detail.status === 'ok' ? detail.data.title : '', path: `/shop/pages/product/index?${shareQuery}` }));
  useShareTimeline(() => ({ title: detail.status === 'ok' ? detail.data.title : '', query: shareQuery }));
  const [selection, setSelection] = useState<Selection>([]);
  const [favourite, setFav] = useState(false);
  const [busy, setBusy] = useState(false);
  const [askSignIn, setAskSignIn] = useState<null | 'favourite' | 'cart'>(null);
  /** What the shopper asked for while signed out: done once they are back from signing in. */
  const pending = useRef<null | 'cart' | 'buy'>(null);

  // Texts come in the request's language and `favourite` depends on who is signed in.
  useEffect(() => {
    if (id) void load();
  }, [id, lang, userId, load]);

  const product = detail.status === 'ok' ? detail.data : null;
  useEffect(() => {
    if (!product) return;
    setSelection((s) => (s.length === product.specs.length ? s : initialSelection(product.specs, product.skus)));
    setFav(product.favourite);
  }, [product]);

  const productId = product?.id;
  useEffect(() => {
    if (productId && userId) noteProductView(productId);
  }, [productId, userId]);

  useEffect(() => {
    if (userId) setAskSignIn(null);
  }, [userId]);

  // Back from signing in: once the product has reloaded for the account, do what was asked.
  useEffect(() => {
    if (!userId || !product || !pending.current) return;
    const then = pending.current;
    pending.current = null;
    void purchase(then);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- purchase reads the current render's state
  }, [userId, product]);

  /** The chosen SKU, or a toast naming what is still to choose. */
  const chosenSku = () => {
    if (!product) return null;
    const sku = selectedSku(product.skus, selection);
    if (!sku) {
      const missing = product.specs.filter((_, d) => selection[d] === null).map((s) => s.name);
      toast(t('shop.choose_first', { names: missing.join(' / ') }));
    }
    return sku;
  };

  /** Add to cart, or buy now (straight to checkout with this SKU alone); signed out, sign in first and come back. */
  const purchase = async (what: 'cart' | 'buy') => {
    if (!product) return;
    const sku = chosenSku();
    if (!sku) return;
    if (!getSession()) {
      pending.current = what;
      setAskSignIn('cart');
      return;
    }
    if (what === 'buy') {
      void Taro.navigateTo({ url: `/checkout/pages/checkout/index?buy=${encodeURIComponent(`${product.id}.${sku.id}.1`)}` });
      return;
    }
    setBusy(true);
    try {
      await addToCart(sku.id, 1, product.id);
      toast(t('shop.added_to_cart'));
    } catch (e) {
      toastError(e);
    } finally {
      setBusy(false);
    }
  };

  const toggleFavourite = async () => {
    if (!product) return;
    if (!getSession()) {
      setAskSignIn('favourite');
      return;
    }
    const next = !favourite;
    setFav(next);
    setBusy(true);
    try {
      const res = await setFavourite(product.id, next);
      setFav(res.favourite);
      toast(res.favourite ? t('shop.favourite_added') : t('shop.favourite_removed'));
    } catch (e) {
      setFav(!next);
      toastError(e);
    } finally {
      setBusy(false);
    }
  };

  if (resolved === undefined)
    return (
      <View id="page-product" className="page">
        <ProductSkeleton />
      </View>
    );
  if (!id || (detail.status === 'error' && errorCode(detail.error) === 'not_found'))
    return (
      <View id="page-product" className="page">
        <EmptyState id="product-not-found" icon="home" title={t('shop.product_gone_title')} body={t('shop.product_gone_body')}>
          <Button id="product-back-home" className="btn btn--ghost" onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}>
            {t('shop.back_home')}
          </Button>
        </EmptyState>
      </View>
    );
  if (detail.status === 'error' && !detail.data)
    return (
      <View id="page-product" className="page">
        <ErrorState error={detail.error} onRetry={() => void load()} />
      </View>
    );
  const shown = product ?? ('data' in detail ? detail.data : undefined);
  if (!shown || selection.length !== shown.specs.length)
    return (
      <View id="page-product" className="page">
        <ProductSkeleton />
      </View>
    );

  return (
    <View id="page-product" className="page product">
      <Gallery images={shown.imageUrls} title={shown.title} />
      <PriceBlock product={shown} selection={selection} />
      {!shown.purchasable ? (
        <View id="not-for-sale" className="banner product__banner">
          <Text>{t('shop.not_for_sale_body')}</Text>
        </View>
      ) : null}
      <SkuSelector product={shown} selection={selection} onTap={(d, v) => setSelection((s) => toggleChip(shown.skus, s, d, v))} />
      {shareScene ? (
        <View
          id="product-share"
          className="row product__share"
          onClick={() => void Taro.navigateTo({ url: `/share/pages/share/index?kind=product&id=${shown.id}` })}
        >
          <Text>{t('shop.share_product')}</Text>
          <Text className="row__chevron">›</Text>
        </View>
      ) : null}
      <StoreCard store={shown.store} />
      <ReviewsBlock productId={shown.id} />
      <ProductInfo product={shown} />
      <ActionBar
        storeId={shown.store.id}
        favourite={favourite}
        busy={busy}
        purchasable={shown.purchasable}
        onFavourite={() => void toggleFavourite()}
        onAddToCart={() => void purchase('cart')}
        onBuyNow={() => void purchase('buy')}
      />
      {askSignIn ? (
        <View
          id="product-signin-sheet"
          className="sheet"
          onClick={() => {
            pending.current = null;
            setAskSignIn(null);
          }}
        >
          <View className="sheet__panel" onClick={(e) => e.stopPropagation()}>
            <Text
              id="product-signin-close"
              className="sheet__close"
              onClick={() => {
                pending.current = null;
                setAskSignIn(null);
              }}
            >
              ×
            </Text>
            <Text className="sheet__lead">{askSignIn === 'cart' ? t('shop.cart_sign_in') : t('shop.favourite_sign_in')}</Text>
            <SignInRequired id="product-signin" />
          </View>
        </View>
      ) : null}
    </View>
  );
}
