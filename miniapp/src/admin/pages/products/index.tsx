import '../../messages';
import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { EmptyState, ListFooter, Loading } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { fetchReviewQueue } from '../../../services/admin-products';
import { getSession } from '../../../services/session';
import { AdminGuard, LoadError } from '../../components/guard';
import { usePaged } from '../../components/use-paged';
import '../admin.scss';
import { ReviewRow } from './review-row';

/** Products waiting for review, oldest submission first. */
export default function AdminProductsPage() {
  const { t } = useI18n();
  usePageTitle('admin.products_title');
  const list = usePaged((cursor) => fetchReviewQueue(cursor));

  useDidShow(() => {
    if (getSession()) void list.reload();
  });

  let body;
  if (list.first.status === 'error') body = <LoadError error={list.first.error} onRetry={() => void list.reload()} />;
  else if (list.first.status !== 'ok') body = <Loading />;
  else if (list.items.length === 0)
    body = <EmptyState id="products-empty" icon="cart" title={t('admin.products_empty')} body={t('admin.products_empty_body')} />;
  else
    body = (
      <View>
        <View className="admin__bar-note admin__bar-note--alone">{t('admin.applications_oldest_first')}</View>
        <View id="products-list" className="card">
          {list.items.map((p) => (
            <ReviewRow key={p.id} product={p} onClick={() => void Taro.navigateTo({ url: `/admin/pages/product/index?id=${p.id}` })} />
          ))}
        </View>
        <ListFooter id="products-more" hasMore={Boolean(list.cursor)} loading={list.loadingMore} onMore={() => void list.loadMore()} />
      </View>
    );

  return (
    <AdminGuard permission="platform:product:review" pageId="page-admin-products">
      {body}
    </AdminGuard>
  );
}
