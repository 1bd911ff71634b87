import '../../messages';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { PRODUCT_STATUSES, type ProductStatus } from '@wxshop/shared';
import { EmptyState, ListFooter } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { fetchProducts, runProductAction, type ProductAction, type ProductRow } from '../../../services/catalog-admin';
import { toast, toastError } from '../../../services/request';
import { getSession } from '../../../services/session';
import { MerchantScreen } from '../../components/screen';
import { merchantUrl, useMerchant } from '../../lib/use-merchant';
import { usePaged } from '../../lib/use-paged';
import '../merchant.scss';
import { ProductRowView } from './product-row';

type Tab = ProductStatus | 'all';
const TABS: Tab[] = ['all', ...PRODUCT_STATUSES];

const CONFIRM: Partial<Record<ProductAction, 'merchant.products.confirm_delete' | 'merchant.products.confirm_off_shelf'>> = {
  delete: 'merchant.products.confirm_delete',
  off_shelf: 'merchant.products.confirm_off_shelf',
};

/** The store's products by status tab, a page at a time, with the actions each status allows. */
export default function MerchantProductsPage() {
  const { t } = useI18n();
  usePageTitle('merchant.products.title');
  const { merchantId, can } = useMerchant();
  const [tab, setTab] = useState<Tab>('all');
  const list = usePaged<ProductRow>((cursor) => fetchProducts(merchantId, tab === 'all' ? undefined : tab, cursor));
  const [acting, setActing] = useState<string | null>(null);

  useDidShow(() => {
    if (getSession()) void list.reload();
  });

  // A new tab loads its first page (after the render that gave the loader the new tab).
  const shownTab = useRef(tab);
  const { reload } = list;
  useEffect(() => {
    if (shownTab.current === tab) return;
    shownTab.current = tab;
    void reload();
  }, [tab, reload]);
  const switchTab = (next: Tab) => setTab(next);

  const act = async (row: ProductRow, action: ProductAction) => {
    const confirm = CONFIRM[action];
    if (confirm) {
      const answer = await Taro.showModal({
        title: t(confirm),
        content: '',
        confirmText: t('merchant.common.confirm'),
        cancelText: t('merchant.common.cancel'),
      });
      if (!answer.confirm) return;
    }
    setActing(`${row.id}:${action}`);
    try {
      await runProductAction(merchantId, row.id, action);
      toast(t(`merchant.products.done.${action}`));
      await list.reload();
    } catch (e) {
      toastError(e);
    } finally {
      setActing(null);
    }
  };

  const go = (page: string, productId?: string) => void Taro.navigateTo({ url: merchantUrl(page, merchantId, productId ? { productId } : {}) });
  const writable = can('merchant:product:write');
  const state = list.state;

  return (
    <MerchantScreen id="page-merchant-products" state={state.status === 'error' ? state : { status: 'ok' }} onRetry={() => void list.reload()}>
      {() => (
        <View>
          {writable ? (
            <View className="m-toolbar">
              <Button id="products-new" className="btn btn--primary btn--small" onClick={() => go('product-edit')}>
                {t('merchant.nav.new_product')}
              </Button>
              <Button id="products-import" className="btn btn--ghost btn--small" onClick={() => go('import')}>
                {t('merchant.nav.import')}
              </Button>
            </View>
          ) : null}
          <View className="m-tabs">
            {TABS.map((s) => (
              <View key={s} id={`products-tab-${s}`} className={`m-tabs__item ${s === tab ? 'm-tabs__item--active' : ''}`} onClick={() => switchTab(s)}>
                {t(s === 'all' ? 'merchant.products.tab_all' : `merchant.product.status.${s}`)}
              </View>
            ))}
          </View>
          {state.status !== 'ok' ? (
            <View id="products-loading" className="m-empty-line">
              {t('common.loading')}
            </View>
          ) : state.items.length === 0 ? (
            <EmptyState id="products-empty" icon="category" title={t('merchant.products.empty')} body={t(`merchant.products.empty_body.${tab}`)} />
          ) : (
            <View id="products-list">
              {state.items.map((row) => (
                <ProductRowView key={row.id} row={row} writable={writable} acting={acting} onAction={(a) => void act(row, a)} onOpen={go} />
              ))}
              <ListFooter id="products-more" hasMore={Boolean(state.nextCursor)} loading={state.loadingMore} onMore={() => void list.more()} />
            </View>
          )}
        </View>
      )}
    </MerchantScreen>
  );
}
