import { Text, View } from '@tarojs/components';
import { useI18n } from '../../i18n';
import { go, shopUrls } from '../../services/browse';

/** Looks like a search field; a tap opens the search page (typing happens there). */
export function SearchBar({ id }: { id: string }) {
  const { t } = useI18n();
  return (
    <View className="home__search-wrap">
      <View id={id} className="home__search" onClick={() => go(shopUrls.search())}>
        <Text className="home__search-icon">⌕</Text>
        <Text className="home__search-text">{t('shop.search_placeholder')}</Text>
      </View>
    </View>
  );
}
