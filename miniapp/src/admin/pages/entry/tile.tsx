import { Text, View } from '@tarojs/components';
import { useI18n } from '../../../i18n';
import type { PendingCount } from './pending-counts';

/** One admin area on the home page, with its waiting count when it has one. */
export function Tile({ id, title, hint, count, onClick }: { id: string; title: string; hint: string; count?: PendingCount; onClick: () => void }) {
  const { t } = useI18n();
  return (
    <View id={id} className="admin__tile" onClick={onClick}>
      <Text className="admin__tile-title">{title}</Text>
      {count && count.status === 'ok' ? (
        <Text id={`${id}-count`} className={`admin__tile-count ${count.value === '0' ? 'admin__tile-count--zero' : ''}`}>
          {t('admin.tile_pending', { count: count.value })}
        </Text>
      ) : (
        <Text className="admin__tile-hint">{count?.status === 'loading' ? t('common.loading') : hint}</Text>
      )}
    </View>
  );
}
