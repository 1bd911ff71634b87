import '../../messages';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { EmptyState, ErrorState, ListFooter, Loading, SignInRequired } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { fetchTeam, type TeamPage } from '../../../services/distribution';
import { getSession, useSession } from '../../../services/session';
import { usePaged } from '../../../hooks/use-paged';
import { day } from '../../lib';
import '../../share.scss';

const TIERS = [1, 2, 3] as const;
type Member = TeamPage['items'][number];

/** My team: direct referrals (tier 1, paged) and indirect ones (tiers 2 and 3). */
export default function TeamPageView() {
  const { t } = useI18n();
  usePageTitle('distribution.team_title');
  const session = useSession();
  const [tier, setTier] = useState<(typeof TIERS)[number]>(1);
  const tierRef = useRef(tier);
  const list = usePaged<Member>((cursor) => fetchTeam(tierRef.current, cursor));

  useDidShow(() => {
    if (getSession()) void list.reload();
  });
  usePullDownRefresh(() => void list.reload().finally(() => void Taro.stopPullDownRefresh()));

  const choose = (next: (typeof TIERS)[number]) => {
    if (next === tier) return;
    tierRef.current = next;
    setTier(next);
    void list.reload();
  };

  let body;
  if (!session) body = <SignInRequired id="team-signin" />;
  else if (list.first.status === 'error') body = <ErrorState id="team-error" error={list.first.error} onRetry={() => void list.reload()} />;
  else if (list.first.status !== 'ok') body = <Loading id="team-loading" />;
  else if (list.items.length === 0)
    body = <EmptyState id="team-empty" icon="me" title={t('distribution.team_empty_title')} body={t('distribution.team_empty_body')} />;
  else
    body = (
      <View>
        <View id="team-list" className="card d-card">
          {list.items.map((m) => (
            <View key={m.userId} id={`team-${m.userId}`} className="d-row">
              <View className="d-row__main">
                <Text>{m.nickname || '—'}</Text>
                <Text className="d-muted">{t('distribution.bound_on', { date: day(m.boundAt) })}</Text>
              </View>
            </View>
          ))}
        </View>
        <ListFooter id="team-more" hasMore={Boolean(list.cursor)} loading={list.loadingMore} onMore={() => void list.loadMore()} />
      </View>
    );

  return (
    <View id="page-team" className="page d-page">
      {session ? (
        <View className="segmented d-tabs" role="tablist" aria-label={t('distribution.tiers_label')}>
          {TIERS.map((n) => (
            <View
              key={n}
              id={`team-tier-${n}`}
              role="tab"
              aria-selected={n === tier}
              className={`segmented__item ${n === tier ? 'segmented__item--active' : ''}`}
              onClick={() => choose(n)}
            >
              {n === 1 ? t('distribution.tier_direct') : t('distribution.tier_n', { n })}
            </View>
          ))}
        </View>
      ) : null}
      {body}
    </View>
  );
}
