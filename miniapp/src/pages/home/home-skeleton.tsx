import { View } from '@tarojs/components';
import { ProductCardsSkeleton } from '../../components/product-card';

/** The home page's shape in grey while the feed loads. */
export function HomeSkeleton() {
  return (
    <View id="home-loading">
      <View className="home__banners">
        <View className="home__swiper skeleton" />
      </View>
      <View className="home__categories">
        {Array.from({ length: 5 }, (_, i) => (
          <View key={i} className="home__category">
            <View className="home__category-icon skeleton" />
            <View className="skeleton skeleton--line home__category-name-skeleton" />
          </View>
        ))}
      </View>
      <View className="home__section-head">
        <View className="skeleton skeleton--line home__title-skeleton" />
      </View>
      <ProductCardsSkeleton layout="grid" count={4} />
    </View>
  );
}
