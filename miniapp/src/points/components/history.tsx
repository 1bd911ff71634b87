import { Button, Text, View } from '@tarojs/components';
import type { PointsPosting } from '@wxshop/shared';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { useI18n } from '../../i18n';
import { shanghaiDateTime } from '../lib';

export type HistoryState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ok'; items: PointsPosting[]; next: string | null; more: boolean };

/** The postings, newest first: what changed, where from, when, by how much. */
export function PointsHistory({ state, onMore, onRetry }: { state: HistoryState; onMore: () => void; onRetry: () => void }) {
  const { t } = useI18n();
  let body;
  if (state.status === 'loading') body = <Loading id="points-history-loading" />;
  else if (state.status === 'error') body = <ErrorState id="points-history-error" error={state.error} onRetry={onRetry} />;
  else if (state.items.length === 0)
    body = <EmptyState id="points-history-empty" icon="me" title={t('points.history_empty_title')} body={t('points.history_empty_body')} />;
  else
    body = (
      <View id="points-history-list" className="points-list">
        {state.items.map((p) => {
          const change = p.points !== 0 ? p.points : p.frozen;
          return (
            <View key={p.id} className="points-row">
              <View className="points-row__main">
                <Text className="points-row__title">
                  {t(`points.kind.${p.kind}`)} · {t(`points.source.${p.source}`)}
                </Text>
                <Text className="points-row__sub">{shanghaiDateTime(p.at)}</Text>
              </View>
              <Text className={`points-row__amount points-row__amount--${change > 0 ? 'plus' : 'minus'}`}>{change > 0 ? `+${change}` : String(change)}</Text>
            </View>
          );
        })}
        {state.next ? (
          <Button id="points-history-more" className="btn btn--ghost" disabled={state.more || undefined} onClick={onMore}>
            {t('common.load_more')}
          </Button>
        ) : null}
      </View>
    );
  return (
    <View id="points-history" className="card">
      <View className="card__header">{t('points.history_title')}</View>
      {body}
    </View>
  );
}
