import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { SEARCH_SORTS, type ProductCard, type ProductPage } from '@wxshop/shared';
import { useI18n } from '../../../i18n';
import { fetchProducts, getProductLayout, go, setProductLayout, shopUrls, type ProductLayout } from '../../../services/browse';
import { ProductFeed } from '../../components/product-feed';
import { SortBar } from '../../components/sort-bar';
import { useParams, useShopTitle } from '../../lib/params';
import type { Sort } from '../../lib/sort';
import { usePages } from '../../lib/use-pages';
import '../../components/shop.scss';

const isSort = (v: string | undefined): v is Sort => (SEARCH_SORTS as readonly string[]).includes(v ?? '');

/** Products of a category (with its descendants) or a store: GET /products, sorted, a page at a time. */
export default function ProductListPage() {
  const { t } = useI18n();
  const params = useParams();
  const { categoryId, merchantId } = params;
  useShopTitle('shop.list_title', params.title);
  const [sort, setSort] = useState<Sort>(isSort(params.sort) ? params.sort : 'relevance');
  const [layout, setLayout] = useState<ProductLayout>(getProductLayout);
  const { state, reload, loadMore } = usePages<ProductCard, ProductPage>((cursor) => fetchProducts({ categoryId, merchantId, sort, cursor }));

  useEffect(() => {
    void reload();
  }, [sort, reload]);

  useReachBottom(() => void loadMore());
  usePullDownRefresh(() => {
    void reload().finally(() => void Taro.stopPullDownRefresh());
  });

  const changeLayout = (next: ProductLayout) => {
    setLayout(next);
    setProductLayout(next);
  };

  return (
    <View id="page-product-list" className="page">
      <View className="shop__sticky">
        <SortBar sort={sort} onSort={setSort} layout={layout} onLayout={changeLayout} />
      </View>
      <ProductFeed
        id="list"
        state={state}
        layout={layout}
        onRetry={() => void reload()}
        onMore={() => void loadMore()}
        empty={{
          title: t('shop.list_empty_title'),
          body: t('shop.list_empty_body'),
          action: (
            <Button id="list-empty-search" className="btn btn--ghost" onClick={() => go(shopUrls.search({ merchantId }))}>
              {t('shop.search_title')}
            </Button>
          ),
        }}
      />
    </View>
  );
}
