import { Text, View } from '@tarojs/components';
import { useI18n } from '../../../i18n';

interface Props {
  items: readonly string[];
  onPick: (q: string) => void;
  onClear: () => void;
}

/** Searches made on this device, newest first; a tap searches again. */
export function RecentSearches({ items, onPick, onClear }: Props) {
  const { t } = useI18n();
  return (
    <View className="search__recent">
      {items.length > 0 ? (
        <View id="search-recent">
          <View className="search__recent-head">
            <Text className="search__recent-title">{t('shop.search_recent')}</Text>
            <Text id="search-recent-clear" className="search__recent-clear" onClick={onClear}>
              {t('shop.search_clear_recent')}
            </Text>
          </View>
          <View className="chips">
            {items.map((q, i) => (
              <View key={q} id={`search-recent-${i}`} className="chip" onClick={() => onPick(q)}>
                {q}
              </View>
            ))}
          </View>
        </View>
      ) : null}
      <Text id="search-hint" className="search__hint">
        {t('shop.search_hint')}
      </Text>
    </View>
  );
}
