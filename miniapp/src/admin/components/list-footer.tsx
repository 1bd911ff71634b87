import { Button, View } from '@tarojs/components';
import { useI18n } from '../../i18n';

/** "Load more" while there is a next page, "that is everything" at the end. */
export function ListFooter({ id, cursor, loading, onMore }: { id: string; cursor: string | null; loading: boolean; onMore: () => void }) {
  const { t } = useI18n();
  return (
    <View className="admin__more">
      {cursor ? (
        <Button id={id} className="btn btn--ghost" loading={loading || undefined} disabled={loading || undefined} onClick={onMore}>
          {t('common.load_more')}
        </Button>
      ) : (
        <View className="admin__end">{t('common.no_more')}</View>
      )}
    </View>
  );
}
