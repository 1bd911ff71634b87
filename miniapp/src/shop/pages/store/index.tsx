import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { ProductCard, ProductPage } from '@wxshop/shared';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fetchCategories, fetchProducts, fetchStore, getProductLayout, setProductLayout, type ProductLayout } from '../../../services/browse';
import { errorCode } from '../../../services/request';
import { ProductFeed } from '../../components/product-feed';
import { SortBar } from '../../components/sort-bar';
import { useParams, useShopTitle } from '../../lib/params';
import { useSceneTarget } from '../../lib/scene-target';
import type { Sort } from '../../lib/sort';
import { usePages } from '../../lib/use-pages';
import { LayoutBlocks } from './layout-blocks';
import { StoreHeader } from './store-header';
import '../../components/shop.scss';
import './index.scss';

/** A store for shoppers (GET /stores/{id}): profile, layout blocks, then all its products (GET /products?merchantId=). */
export default function StorePage() {
  const { t } = useI18n();
  const { id: idParam = '', scene } = useParams();
  // opened from a store share's mini-program code: only the scene is in the query
  const resolved = useSceneTarget('store', idParam, scene);
  const id = resolved ?? '';
  const [store, loadStore] = useRemote(() => fetchStore(id));
  // Category strips name categories by id; the names come from the tree (a failure only hides the strip).
  const [tree, loadTree] = useRemote(() => fetchCategories().catch(() => []));
  const [sort, setSort] = useState<Sort>('relevance');
  const [layout, setLayout] = useState<ProductLayout>(getProductLayout);
  const { state, reload, loadMore } = usePages<ProductCard, ProductPage>((cursor) => fetchProducts({ merchantId: id, sort, cursor }));
  const info = 'data' in store ? store.data : undefined;
  useShopTitle('shop.store_title', info?.name);

  useEffect(() => {
    if (!id) return;
    void loadStore();
    void loadTree();
  }, [id, loadStore, loadTree]);

  useEffect(() => {
    if (id) void reload();
  }, [id, sort, reload]);

  useReachBottom(() => void loadMore());
  usePullDownRefresh(() => {
    void Promise.all([loadStore(), reload()]).finally(() => void Taro.stopPullDownRefresh());
  });

  if (resolved === undefined)
    return (
      <View id="page-store" className="page">
        <Loading id="store-loading" />
      </View>
    );
  if (!id || (store.status === 'error' && errorCode(store.error) === 'not_found'))
    return (
      <View id="page-store" className="page">
        <EmptyState id="store-not-found" icon="home" title={t('shop.store_gone_title')}>
          <Button id="store-back-home" className="btn btn--ghost" onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}>
            {t('shop.back_home')}
          </Button>
        </EmptyState>
      </View>
    );
  if (store.status === 'error' && !info)
    return (
      <View id="page-store" className="page">
        <ErrorState error={store.error} onRetry={() => void loadStore()} />
      </View>
    );
  if (!info)
    return (
      <View id="page-store" className="page">
        <Loading id="store-loading" />
      </View>
    );

  const changeLayout = (next: ProductLayout) => {
    setLayout(next);
    setProductLayout(next);
  };

  return (
    <View id="page-store" className="page store">
      <StoreHeader store={info} />
      {info.blocks.length > 0 ? <LayoutBlocks blocks={info.blocks} merchantId={id} categories={('data' in tree ? tree.data : undefined) ?? []} /> : null}
      <Text id="store-products-title" className="store__section-title">
        {t('shop.store_products')}
      </Text>
      <SortBar sort={sort} onSort={setSort} layout={layout} onLayout={changeLayout} />
      <ProductFeed
        id="store-products"
        state={state}
        layout={layout}
        onRetry={() => void reload()}
        onMore={() => void loadMore()}
        empty={{ title: t('shop.store_empty') }}
      />
    </View>
  );
}
