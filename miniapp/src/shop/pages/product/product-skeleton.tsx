import { View } from '@tarojs/components';

/** The detail page's shape in grey while it loads. */
export function ProductSkeleton() {
  return (
    <View id="product-loading">
      <View className="product__gallery skeleton product__skeleton-image" />
      <View className="product__head">
        <View className="skeleton skeleton--price product__skeleton-price" />
        <View className="skeleton skeleton--line" />
        <View className="skeleton skeleton--line skeleton--short" />
      </View>
      <View className="card product__skus">
        <View className="skeleton skeleton--line skeleton--short" />
        <View className="skeleton skeleton--line" />
        <View className="skeleton skeleton--line skeleton--short" />
      </View>
    </View>
  );
}
