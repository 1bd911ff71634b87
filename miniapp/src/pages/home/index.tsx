import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect } from 'react';
import { EmptyState, ErrorState } from '../../components/states';
import { usePageTitle } from '../../hooks/use-page-title';
import { useRemote } from '../../hooks/use-remote';
import { useTabBar } from '../../hooks/use-tab-bar';
import { useI18n } from '../../i18n';
import { fetchHome, shopUrls } from '../../services/browse';
import { Banners } from './banners';
import { CategoryEntries } from './category-entries';
import { HomeSkeleton } from './home-skeleton';
import { ProductSection } from './product-section';
import { SearchBar } from './search-bar';
import './index.scss';

/** Home (GET /home): search entry, banners, top-level categories, new arrivals and best sellers. */
export default function HomePage() {
  const { lang, t } = useI18n();
  usePageTitle('home.title');
  useTabBar();
  const [feed, load] = useRemote(fetchHome);

  // Titles come back in the request's language: load again when the shopper switches.
  useEffect(() => {
    void load();
  }, [lang, load]);

  usePullDownRefresh(() => {
    void load().finally(() => void Taro.stopPullDownRefresh());
  });

  const data = 'data' in feed ? feed.data : undefined;
  let body;
  if (feed.status === 'error' && !data) body = <ErrorState error={feed.error} onRetry={() => void load()} />;
  else if (!data) body = <HomeSkeleton />;
  else {
    const { banners, categories, newArrivals, bestSellers } = data;
    const noProducts = newArrivals.length === 0 && bestSellers.length === 0;
    body =
      noProducts && categories.length === 0 && banners.length === 0 ? (
        <EmptyState id="home-empty" icon="home" title={t('home.empty_title')} body={t('home.empty_body')} />
      ) : (
        <View id="home-feed">
          <Banners banners={banners} />
          <CategoryEntries categories={categories} />
          {noProducts ? (
            <Text id="home-no-products" className="home__note">
              {t('shop.home_no_products')}
            </Text>
          ) : null}
          <ProductSection id="home-new" title={t('shop.home_new')} items={newArrivals} moreUrl={shopUrls.list({ sort: 'newest', title: t('shop.home_new') })} />
          <ProductSection
            id="home-best"
            title={t('shop.home_best')}
            items={bestSellers}
            moreUrl={shopUrls.list({ sort: 'sales', title: t('shop.home_best') })}
          />
        </View>
      );
  }

  return (
    <View id="page-home" className="page home">
      <SearchBar id="home-search" />
      {body}
    </View>
  );
}
