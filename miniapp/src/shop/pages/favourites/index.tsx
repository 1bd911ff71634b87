import Taro, { useDidShow, useReachBottom } from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import type { SavedProduct, SavedProductPage } from '@wxshop/shared';
import { ProductCardsSkeleton } from '../../../components/product-card';
import { EmptyState, ErrorState, SignInRequired } from '../../../components/states';
import { useI18n } from '../../../i18n';
import { fetchFavourites, setFavourite } from '../../../services/favourites';
import { toast, toastError } from '../../../services/request';
import { getSession, useSession } from '../../../services/session';
import { PageFooter } from '../../components/product-feed';
import { SavedList } from '../../components/saved-list';
import { useShopTitle } from '../../lib/params';
import { usePages } from '../../lib/use-pages';
import '../../components/shop.scss';

/** My favourites (GET /me/favourites), newest first; remove one with DELETE /me/favourites/{id}. */
export default function FavouritesPage() {
  const { t } = useI18n();
  useShopTitle('shop.favourites_title');
  const session = useSession();
  const { state, reload, loadMore, removeItem } = usePages<SavedProduct, SavedProductPage>((cursor) => fetchFavourites(cursor));
  const [removing, setRemoving] = useState<string | null>(null);

  // Again on every show: a product page may have changed a favourite meanwhile.
  useDidShow(() => {
    if (getSession()) void reload();
  });
  useReachBottom(() => void loadMore());

  if (!session) return <SignInRequired id="favourites-signin" />;

  const remove = async (productId: string) => {
    setRemoving(productId);
    try {
      await setFavourite(productId, false);
      removeItem((s) => s.product.id !== productId);
      toast(t('shop.favourite_removed'));
    } catch (e) {
      toastError(e);
    } finally {
      setRemoving(null);
    }
  };

  let body;
  if (state.status === 'loading') body = <ProductCardsSkeleton id="favourites-loading" layout="list" count={4} />;
  else if (state.status === 'error') body = <ErrorState error={state.error} onRetry={() => void reload()} />;
  else if (state.items.length === 0)
    body = (
      <EmptyState id="favourites-empty" icon="home" title={t('shop.favourites_empty_title')} body={t('shop.favourites_empty_body')}>
        <Button id="favourites-shop" className="btn btn--primary" onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}>
          {t('shop.go_shopping')}
        </Button>
      </EmptyState>
    );
  else
    body = (
      <View>
        <SavedList id="favourite" items={state.items} dateKey="shop.saved_on" onRemove={(id) => void remove(id)} removing={removing} />
        <PageFooter id="favourites" state={state} onMore={() => void loadMore()} />
      </View>
    );

  return (
    <View id="page-favourites" className="page saved saved--padded">
      {body}
    </View>
  );
}
