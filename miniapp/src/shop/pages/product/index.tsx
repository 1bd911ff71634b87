import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { EmptyState, ErrorState, SignInRequired } from '../../../components/states';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fetchProduct, noteProductView } from '../../../services/browse';
import { setFavourite } from '../../../services/favourites';
import { errorCode, toast, toastError } from '../../../services/request';
import { getSession, useSession } from '../../../services/session';
import { useParams, useShopTitle } from '../../lib/params';
import { initialSelection, toggleChip, type Selection } from '../../lib/sku';
import { ActionBar } from './action-bar';
import { Gallery } from './gallery';
import { PriceBlock } from './price-block';
import { ProductInfo } from './product-info';
import { ProductSkeleton } from './product-skeleton';
import { SkuSelector } from './sku-selector';
import { StoreCard } from './store-card';
import '../../components/shop.scss';
import './index.scss';

/** Product detail (GET /products/{id}): images, price, SKU selector, store, details; favourite; cart soon. */
export default function ProductPage() {
  const { lang, t } = useI18n();
  useShopTitle('shop.product_title');
  const { id = '' } = useParams();
  const session = useSession();
  const userId = session?.profile.id;
  const [detail, load] = useRemote(() => fetchProduct(id));
  const [selection, setSelection] = useState<Selection>([]);
  const [favourite, setFav] = useState(false);
  const [busy, setBusy] = useState(false);
  const [askSignIn, setAskSignIn] = useState(false);

  // Texts come in the request's language and `favourite` depends on who is signed in.
  useEffect(() => {
    void load();
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
    if (userId) setAskSignIn(false);
  }, [userId]);

  const toggleFavourite = async () => {
    if (!product) return;
    if (!getSession()) {
      setAskSignIn(true);
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
      <StoreCard store={shown.store} />
      <ProductInfo product={shown} />
      <ActionBar storeId={shown.store.id} favourite={favourite} busy={busy} purchasable={shown.purchasable} onFavourite={() => void toggleFavourite()} />
      {askSignIn ? (
        <View id="product-signin-sheet" className="sheet" onClick={() => setAskSignIn(false)}>
          <View className="sheet__panel" onClick={(e) => e.stopPropagation()}>
            <Text id="product-signin-close" className="sheet__close" onClick={() => setAskSignIn(false)}>
              ×
            </Text>
            <Text className="sheet__lead">{t('shop.favourite_sign_in')}</Text>
            <SignInRequired id="product-signin" />
          </View>
        </View>
      ) : null}
    </View>
  );
}
