import { View } from '@tarojs/components';
import { EmptyState } from '../../components/states';
import { usePageTitle } from '../../hooks/use-page-title';
import { useTabBar } from '../../hooks/use-tab-bar';
import { useI18n } from '../../i18n';

/** Home: the product feed will live here; until merchants publish, an honest empty state. */
export default function HomePage() {
  const { t } = useI18n();
  usePageTitle('home.title');
  useTabBar();
  return (
    <View id="page-home" className="page">
      <EmptyState id="home-empty" icon="home" title={t('home.empty_title')} body={t('home.empty_body')} />
    </View>
  );
}
