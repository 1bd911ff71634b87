import '../../messages';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { localize } from '@wxshop/shared';
import { Loading } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fetchCategoryTree } from '../../../services/admin-categories';
import { fetchMerchant } from '../../../services/admin-merchants';
import { approveReviewedProduct, fetchProductForReview, rejectReviewedProduct } from '../../../services/admin-products';
import { isApiError, toast, toastError } from '../../../services/request';
import { getSession } from '../../../services/session';
import { AdminGuard, LoadError } from '../../components/guard';
import { useIdempotencyKey } from '../../components/keys';
import { ReviewActions } from '../../components/review-actions';
import '../admin.scss';
import { ProductContent } from './product-content';
import { SkuTable } from './sku-table';

/** One product for review: images, texts in every language given, category, SKUs; approve or reject with a reason. */
export default function AdminProductPage() {
  const { lang, t } = useI18n();
  usePageTitle('admin.product_title');
  const id = useRouter().params.id ?? '';
  const [detail, load] = useRemote(async () => {
    const [product, tree] = await Promise.all([fetchProductForReview(id), fetchCategoryTree().catch(() => [])]);
    // The store's name where the role may read stores (every reviewer role can); the id otherwise.
    const store = await fetchMerchant(product.merchantId).catch(() => null);
    return { product, tree, storeName: store?.name ?? null };
  });
  const [conflict, setConflict] = useState(false);
  const approveKey = useIdempotencyKey('approve-product');
  const rejectKey = useIdempotencyKey('reject-product');

  useDidShow(() => {
    if (getSession()) void load();
  });

  const done = (message: string) => {
    toast(message);
    setTimeout(() => {
      if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
      else void Taro.redirectTo({ url: '/admin/pages/products/index' });
    }, 600);
  };

  const failed = async (e: unknown, renew: () => void) => {
    if (isApiError(e) && e.status > 0) renew();
    if (isApiError(e) && e.status === 409) {
      setConflict(true);
      await load();
    } else toastError(e);
  };

  const approve = async () => {
    setConflict(false);
    try {
      await approveReviewedProduct(id, approveKey.current());
      approveKey.renew();
      done(t('admin.product_approved'));
    } catch (e) {
      await failed(e, approveKey.renew);
    }
  };

  const reject = async (reason: string) => {
    setConflict(false);
    try {
      await rejectReviewedProduct(id, reason, rejectKey.current());
      rejectKey.renew();
      done(t('admin.product_rejected'));
    } catch (e) {
      await failed(e, rejectKey.renew);
    }
  };

  let body;
  if (detail.status === 'error') body = <LoadError error={detail.error} onRetry={() => void load()} />;
  else if (!('data' in detail) || !detail.data) body = <Loading />;
  else {
    const { product: p, tree, storeName } = detail.data;
    body = (
      <View>
        {conflict ? (
          <View id="product-conflict" className="banner admin__banner">
            <Text>{t('admin.product_reviewed_meanwhile')}</Text>
          </View>
        ) : null}
        <ProductContent product={p} tree={tree} storeName={storeName} />
        <SkuTable product={p} />
        {p.status === 'submitted' ? (
          <ReviewActions
            idPrefix="product"
            kind="product"
            approveConfirm={t('admin.product_approve_confirm', { title: localize(p.title, lang) })}
            reasonPlaceholder={t('admin.product_reason_placeholder')}
            onApprove={approve}
            onReject={reject}
          />
        ) : null}
      </View>
    );
  }

  return (
    <AdminGuard permission="platform:product:review" pageId="page-admin-product">
      {body}
    </AdminGuard>
  );
}
