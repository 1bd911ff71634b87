import { Text, View } from '@tarojs/components';
import { Picture } from '../../../components/picture';
import { formatMoney, localize, type ProductStatus } from '@wxshop/shared';
import { useI18n } from '../../../i18n';
import type { ProductAction, ProductRow } from '../../../services/catalog-admin';
import { shortDateTime } from '../../lib/schedule';

/** What each status allows, in button order. */
const ACTIONS: Record<ProductStatus, ProductAction[]> = {
  draft: ['submit', 'delete'],
  submitted: [],
  approved: ['off_shelf'],
  rejected: ['submit'],
  off_shelf: ['on_shelf'],
};
const EDITABLE: readonly ProductStatus[] = ['draft', 'rejected', 'off_shelf'];
const ACTION_ID: Record<ProductAction, string> = { submit: 'submit', delete: 'delete', off_shelf: 'off', on_shelf: 'on' };

interface Props {
  row: ProductRow;
  writable: boolean;
  acting: string | null;
  onAction: (a: ProductAction) => void;
  onOpen: (page: string, productId: string) => void;
}

export function ProductRowView({ row, writable, acting, onAction, onOpen }: Props) {
  const { lang, t } = useI18n();
  const price =
    row.minPrice.amount === row.maxPrice.amount ? formatMoney(row.minPrice, lang) : `${formatMoney(row.minPrice, lang)} – ${formatMoney(row.maxPrice, lang)}`;
  return (
    <View id={`product-${row.id}`} className="card m-product">
      <View className="m-product__main">
        {row.imageUrl ? (
          <Picture alt={localize(row.title, lang)} className="m-product__img" src={row.imageUrl} mode="aspectFill" />
        ) : (
          <View className="m-product__img m-product__img--none" />
        )}
        <View className="m-product__info">
          <Text className="m-product__title">{localize(row.title, lang)}</Text>
          <Text id={`product-price-${row.id}`} className="m-product__price">
            {price}
          </Text>
          <View className="m-product__meta">
            <Text className={`m-badge m-badge--${row.status}`}>{t(`merchant.product.status.${row.status}`)}</Text>
            {row.status === 'approved' ? (
              <Text className="m-muted">{row.onSale ? t('merchant.products.on_sale') : t('merchant.products.scheduled')}</Text>
            ) : null}
            {!row.inStock ? <Text className="m-badge m-badge--warn">{t('merchant.products.out_of_stock')}</Text> : null}
          </View>
          <Text className="m-muted">
            {t('merchant.products.sales', { n: row.sales })} · {shortDateTime(row.updatedAt)}
          </Text>
        </View>
      </View>
      {row.status === 'rejected' && row.rejectReason ? (
        <View id={`product-reason-${row.id}`} className="m-reason">
          <Text className="m-reason__label">{t('merchant.products.reject_reason')}</Text>
          <Text className="m-reason__text">{row.rejectReason}</Text>
        </View>
      ) : null}
      <View className="m-actions">
        {writable && EDITABLE.includes(row.status) ? (
          <Text id={`product-edit-${row.id}`} className="m-action" onClick={() => onOpen('product-edit', row.id)}>
            {t('merchant.products.edit')}
          </Text>
        ) : null}
        <Text id={`product-stock-${row.id}`} className="m-action" onClick={() => onOpen('stock', row.id)}>
          {t('merchant.products.stock')}
        </Text>
        {writable
          ? ACTIONS[row.status].map((a) => (
              <Text
                key={a}
                id={`product-${ACTION_ID[a]}-${row.id}`}
                className={`m-action ${a === 'delete' || a === 'off_shelf' ? 'm-action--danger' : 'm-action--primary'} ${acting === `${row.id}:${a}` ? 'm-action--busy' : ''}`}
                onClick={() => !acting && onAction(a)}
              >
                {t(`merchant.products.action.${a}`)}
              </Text>
            ))
          : null}
      </View>
    </View>
  );
}
