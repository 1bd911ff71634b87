import '../../messages';
import { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { localize, type MerchantSku, type StockPosting } from '@wxshop/shared';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fetchProduct } from '../../../services/catalog-admin';
import { getSession } from '../../../services/session';
import { MerchantScreen } from '../../components/screen';
import { useMerchant } from '../../lib/use-merchant';
import '../merchant.scss';
import { SkuStockCard } from './sku-stock-card';

/** Stock of a product's SKUs: levels and low-stock thresholds, +/- adjustments with a note, postings per SKU. */
export default function MerchantStockPage() {
  const { lang, t } = useI18n();
  usePageTitle('merchant.stock.title');
  const { merchantId, can } = useMerchant();
  const productId = useRouter().params.productId ?? '';
  const [product, load] = useRemote(() => fetchProduct(merchantId, productId));
  // Balances after this visit's adjustments, by SKU.
  const [balances, setBalances] = useState<Record<string, number>>({});

  useDidShow(() => {
    if (!getSession()) return;
    setBalances({});
    void load();
  });

  return (
    <MerchantScreen id="page-merchant-stock" state={product} onRetry={() => void load()}>
      {() => {
        if (product.status !== 'ok') return null;
        const p = product.data;
        const skus: MerchantSku[] = [...p.skus.filter((s) => !s.removed), ...p.skus.filter((s) => s.removed)];
        const label = (s: MerchantSku) =>
          s.specIndexes.map((vi, di) => (p.specs[di]?.values[vi] ? localize(p.specs[di]!.values[vi]!, lang) : '')).join(' / ') ||
          t('merchant.product.single_sku');
        return (
          <View>
            <View className="card m-section">
              <Text id="stock-product-title" className="m-section__title">
                {localize(p.title, lang)}
              </Text>
              <Text className="m-help">{t('merchant.stock.help')}</Text>
            </View>
            {skus.length === 0 ? (
              <Text id="stock-empty" className="m-empty-line">
                {t('merchant.stock.empty')}
              </Text>
            ) : null}
            {skus.map((s) => (
              <SkuStockCard
                key={s.id}
                merchantId={merchantId}
                productId={p.id}
                sku={s}
                label={label(s)}
                stock={balances[s.id] ?? s.stock}
                writable={can('merchant:product:write') && !s.removed}
                onAdjusted={(posting: StockPosting) => setBalances((b) => ({ ...b, [s.id]: posting.balance }))}
              />
            ))}
          </View>
        );
      }}
    </MerchantScreen>
  );
}
