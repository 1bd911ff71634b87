import { Text, View } from '@tarojs/components';
import { Picture } from '../../components/picture';
import { localize, type Category, type CategoryRoot } from '@wxshop/shared';
import { useI18n } from '../../i18n';
import { go, shopUrls } from '../../services/browse';

function Tile({ category }: { category: Category }) {
  const { lang } = useI18n();
  const name = localize(category.name, lang);
  return (
    <View id={`category-item-${category.id}`} className="category__tile" onClick={() => go(shopUrls.list({ categoryId: category.id, title: name }))}>
      {category.iconUrl ? (
        <Picture alt="" className="category__tile-icon" src={category.iconUrl} mode="aspectFit" />
      ) : (
        <View className="category__tile-icon category__tile-icon--letter">{Array.from(name)[0] ?? '·'}</View>
      )}
      <Text className="category__tile-name">{name}</Text>
    </View>
  );
}

/** The right pane: "all of <root>", then each second-level category with its third-level tiles. */
export function CategoryPane({ root }: { root: CategoryRoot }) {
  const { lang, t } = useI18n();
  const rootName = localize(root.name, lang);
  // In the tree's order: a second-level category with children is a titled group of tiles; runs of
  // second-level categories without children are tiles of an untitled group.
  const groups: { branch: CategoryRoot['children'][number] | null; tiles: Category[] }[] = [];
  for (const child of root.children) {
    const last = groups[groups.length - 1];
    if (child.children.length > 0) groups.push({ branch: child, tiles: child.children });
    else if (last && !last.branch) last.tiles.push(child);
    else groups.push({ branch: null, tiles: [child] });
  }
  return (
    <View className="category__pane-inner">
      <View id={`category-all-${root.id}`} className="category__all" onClick={() => go(shopUrls.list({ categoryId: root.id, title: rootName }))}>
        <Text>{t('shop.category_all', { name: rootName })}</Text>
        <Text className="row__chevron">›</Text>
      </View>
      {root.children.length === 0 ? (
        <Text id="category-no-children" className="category__none">
          {t('shop.category_no_children')}
        </Text>
      ) : null}
      {groups.map(({ branch, tiles }) => {
        const name = branch ? localize(branch.name, lang) : '';
        return (
          <View key={branch?.id ?? tiles[0]!.id} className="category__group">
            {branch ? (
              <View
                id={`category-item-${branch.id}`}
                className="category__group-head"
                onClick={() => go(shopUrls.list({ categoryId: branch.id, title: name }))}
              >
                <Text className="category__group-title">{name}</Text>
                <Text className="row__chevron">›</Text>
              </View>
            ) : null}
            <View className="category__tiles">
              {tiles.map((c) => (
                <Tile key={c.id} category={c} />
              ))}
            </View>
          </View>
        );
      })}
    </View>
  );
}
