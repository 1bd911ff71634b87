import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Picture } from '../../../components/picture';
import { LANGUAGE_NAMES } from '../../../i18n';
import type { CategoryRoot, MerchantProductView } from '@wxshop/shared';
import { useI18n } from '../../../i18n';
import { DetailRow } from '../../components/detail-row';
import { categoryPath } from '../../lib/category-tree';
import { shortDateTime } from '../../lib/format';
import { providedLanguages } from '../../lib/localized';

/** What the merchant submitted: images, title and description in every language given, category and facts. */
export function ProductContent({ product: p, tree, storeName }: { product: MerchantProductView; tree: CategoryRoot[]; storeName: string | null }) {
  const { lang, t } = useI18n();
  const category = categoryPath(tree, p.categoryId, lang).join(' › ') || p.categoryId;
  const facts: [string, string | null][] = [
    [t('admin.product_brand'), p.brand],
    [t('admin.product_origin'), p.origin],
    [t('admin.product_material'), p.material],
    [t('admin.product_weight'), p.weightGrams === null ? null : `${p.weightGrams} g`],
    ...p.attributes.map((a): [string, string] => [a.name, a.value]),
  ];
  return (
    <View>
      <View id="product-images" className="card">
        <View className="admin__detail-head">
          <Text id="product-status" className={`admin__status admin__status--${p.status}`}>
            {t(`admin.product_status.${p.status}`)}
          </Text>
          <Text className="admin__item-sub">{t('admin.submitted_at', { time: shortDateTime(p.submittedAt ?? p.updatedAt) })}</Text>
        </View>
        <View className="admin__images">
          {p.imageUrls.map((url, i) => (
            <Picture
              alt={`${p.title} ${i + 1}`}
              key={url}
              id={`product-image-${i}`}
              className="admin__image"
              src={url}
              mode="aspectFill"
              onClick={() => void Taro.previewImage({ urls: p.imageUrls, current: url })}
            />
          ))}
        </View>
      </View>
      <View id="product-texts" className="card">
        <View className="card__header">{t('admin.product_texts')}</View>
        {providedLanguages(p.title).map((l) => (
          <View key={l} id={`product-title-${l}`} className="admin__history">
            <Text className="admin__lang">{LANGUAGE_NAMES[l]}</Text>
            <Text className="admin__history-title">{p.title[l]}</Text>
            {p.description[l] ? <Text className="admin__item-sub admin__pre">{p.description[l]}</Text> : null}
          </View>
        ))}
      </View>
      <View className="card">
        <DetailRow id="product-category" label={t('admin.product_category')}>
          {category}
        </DetailRow>
        <View
          id="product-merchant"
          className="admin__detail-row"
          onClick={() => void Taro.navigateTo({ url: `/admin/pages/merchant/index?id=${p.merchantId}` })}
        >
          <Text className="admin__detail-label">{t('admin.product_store')}</Text>
          <Text className="admin__detail-value">
            {storeName ?? p.merchantId} <Text className="row__chevron">›</Text>
          </Text>
        </View>
        {facts
          .filter((f): f is [string, string] => Boolean(f[1]))
          .map(([label, value]) => (
            <DetailRow key={label} label={label}>
              {value}
            </DetailRow>
          ))}
        {p.tags.length > 0 ? <DetailRow label={t('admin.product_tags')}>{p.tags.join(' · ')}</DetailRow> : null}
        {p.onSaleAt ? <DetailRow label={t('admin.product_on_sale_at')}>{shortDateTime(p.onSaleAt)}</DetailRow> : null}
        {p.rejectReason ? <DetailRow label={t('admin.product_last_reject')}>{p.rejectReason}</DetailRow> : null}
      </View>
    </View>
  );
}
