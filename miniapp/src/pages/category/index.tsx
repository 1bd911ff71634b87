import { ScrollView, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { localize } from '@wxshop/shared';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { usePageTitle } from '../../hooks/use-page-title';
import { useRemote } from '../../hooks/use-remote';
import { useTabBar } from '../../hooks/use-tab-bar';
import { useI18n } from '../../i18n';
import { scrollRegion } from '../../platform/ui';
import { fetchCategories } from '../../services/browse';
import { CategoryPane } from './category-pane';
import './index.scss';

/** Categories (GET /categories): top level on the left rail, its children and grandchildren on the right. */
export default function CategoryPage() {
  const { lang, t } = useI18n();
  usePageTitle('category.title');
  useTabBar();
  const [tree, load] = useRemote(fetchCategories);
  const [activeId, setActiveId] = useState<string | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const roots = 'data' in tree ? tree.data : undefined;
  let body;
  if (tree.status === 'error' && !roots) body = <ErrorState error={tree.error} onRetry={() => void load()} />;
  else if (!roots) body = <Loading id="category-loading" />;
  else if (roots.length === 0) body = <EmptyState id="category-empty" icon="category" title={t('category.empty_title')} body={t('category.empty_body')} />;
  else {
    const active = roots.find((r) => r.id === activeId) ?? roots[0]!;
    body = (
      <View className="category">
        <ScrollView id="category-rail" className="category__rail" scrollY {...scrollRegion(t('category.title'))}>
          {roots.map((r) => (
            <View
              key={r.id}
              id={`category-rail-${r.id}`}
              className={`category__rail-item ${r.id === active.id ? 'category__rail-item--active' : ''}`}
              onClick={() => setActiveId(r.id)}
            >
              <Text>{localize(r.name, lang)}</Text>
            </View>
          ))}
        </ScrollView>
        <ScrollView id="category-pane" className="category__pane" scrollY scrollTop={0} key={active.id} {...scrollRegion(localize(active.name, lang))}>
          <CategoryPane root={active} />
        </ScrollView>
      </View>
    );
  }

  return (
    <View id="page-category" className="page page--flush">
      {body}
    </View>
  );
}
