import Taro, { useDidShow, useReachBottom } from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import type { SavedProduct, SavedProductPage } from '@wxshop/shared';
import { ProductCardsSkeleton } from '../../../components/product-card';
import { EmptyState, ErrorState, SignInRequired } from '../../../components/states';
import { useI18n } from '../../../i18n';
import { fetchHistory, forgetHistory } from '../../../services/favourites';
import { toast, toastError } from '../../../services/request';
import { getSession, useSession } from '../../../services/session';
import { PageFooter } from '../../components/product-feed';
import { SavedList } from '../../components/saved-list';
import { useShopTitle } from '../../lib/params';
import { usePages } from '../../lib/use-pages';
import '../../components/shop.scss';

/** Products I viewed (GET /me/history), newest first; "clear history" is DELETE /me/history after a confirmation. */
export default function HistoryPage() {
  const { t } = useI18n();
  useShopTitle('shop.history_title');
  const session = useSession();
  const { state, reload, loadMore } = usePages<SavedProduct, SavedProductPage>((cursor) => fetchHistory(cursor));
  const [clearing, setClearing] = useState(false);

  useDidShow(() => {
    if (getSession()) void reload();
  });
  useReachBottom(() => void loadMore());

  if (!session) return <SignInRequired id="history-signin" />;

  const clear = async () => {
    const { confirm } = await Taro.showModal({
      content: t('shop.history_clear_confirm'),
      confirmText: t('shop.history_clear'),
      cancelText: t('common.cancel'),
    });
    if (!confirm) return;
    setClearing(true);
    try {
      await forgetHistory();
      toast(t('shop.history_cleared'));
      await reload();
    } catch (e) {
      toastError(e);
    } finally {
      setClearing(false);
    }
  };

  let body;
  if (state.status === 'loading') body = <ProductCardsSkeleton id="history-loading" layout="list" count={4} />;
  else if (state.status === 'error') body = <ErrorState error={state.error} onRetry={() => void reload()} />;
  else if (state.items.length === 0)
    body = (
      <EmptyState id="history-empty" icon="home" title={t('shop.history_empty_title')} body={t('shop.history_empty_body')}>
        <Button id="history-shop" className="btn btn--primary" onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}>
          {t('shop.go_shopping')}
        </Button>
      </EmptyState>
    );
  else
    body = (
      <View>
        <View className="saved__toolbar">
          <Button
            id="history-clear"
            className="btn btn--ghost btn--small"
            loading={clearing || undefined}
            disabled={clearing || undefined}
            onClick={() => void clear()}
          >
            {t('shop.history_clear')}
          </Button>
        </View>
        <SavedList id="history" items={state.items} dateKey="shop.viewed_on" />
        <PageFooter id="history" state={state} onMore={() => void loadMore()} />
      </View>
    );

  return (
    <View id="page-history" className="page saved">
      {body}
    </View>
  );
}
