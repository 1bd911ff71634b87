import { Text, View } from '@tarojs/components';
import { Picture } from '../../components/picture';
import type { HomeCategory } from '@wxshop/shared';
import { go, shopUrls } from '../../services/browse';

/** Top-level categories as round icons (the name's first character when there is no icon). */
export function CategoryEntries({ categories }: { categories: readonly HomeCategory[] }) {
  if (categories.length === 0) return null;
  return (
    <View id="home-categories" className="home__categories">
      {categories.slice(0, 10).map((c) => (
        <View key={c.id} id={`home-category-${c.id}`} className="home__category" onClick={() => go(shopUrls.list({ categoryId: c.id, title: c.name }))}>
          {c.iconUrl ? (
            <Picture alt="" className="home__category-icon" src={c.iconUrl} mode="aspectFit" />
          ) : (
            <View className="home__category-icon home__category-icon--letter">{Array.from(c.name)[0] ?? '·'}</View>
          )}
          <Text className="home__category-name">{c.name}</Text>
        </View>
      ))}
    </View>
  );
}
