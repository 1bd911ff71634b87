import { View } from '@tarojs/components';
import { EmptyState } from '../../components/states';
import { usePageTitle } from '../../hooks/use-page-title';
import { useTabBar } from '../../hooks/use-tab-bar';
import { useI18n } from '../../i18n';

/** Categories: filled once the platform publishes its category tree. */
export default function CategoryPage() {
  const { t } = useI18n();
  usePageTitle('category.title');
  useTabBar();
  return (
    <View id="page-category" className="page">
      <EmptyState id="category-empty" icon="category" title={t('category.empty_title')} body={t('category.empty_body')} />
    </View>
  );
}
