import { Text, View } from '@tarojs/components';
import type { ShippingTemplate } from '@wxshop/shared';
import { useI18n } from '../../../i18n';
import type { ProductForm } from '../../lib/product-form';

interface Props {
  /** Null: the templates could not be loaded. */
  templates: ShippingTemplate[] | null;
  value: string | null;
  patch: (p: Partial<ProductForm>, clear?: string[]) => void;
}

/** Which shipping fee template prices this product: the store's default, or one of its templates. */
export function ShippingSection({ templates, value, patch }: Props) {
  const { t } = useI18n();
  const byDefault = templates?.find((x) => x.isDefault);
  return (
    <View id="pe-shipping" className="card m-section">
      <Text className="m-section__title">{t('merchant.tpl.product_section')}</Text>
      {templates === null ? (
        <Text id="pe-template-error" className="m-help">
          {t('merchant.tpl.product_load_failed')}
        </Text>
      ) : (
        <View className="m-chips" role="radiogroup" aria-label={t('merchant.tpl.product_section')}>
          <View
            id="pe-template-default"
            role="radio"
            aria-checked={value === null}
            className={`m-chip ${value === null ? 'm-chip--active' : ''}`}
            onClick={() => patch({ shippingTemplateId: null }, ['shippingTemplateId'])}
          >
            {byDefault ? t('merchant.tpl.product_default_named', { name: byDefault.name }) : t('merchant.tpl.product_default')}
          </View>
          {templates.map((tpl) => (
            <View
              key={tpl.id}
              id={`pe-template-${tpl.id}`}
              role="radio"
              aria-checked={value === tpl.id}
              className={`m-chip ${value === tpl.id ? 'm-chip--active' : ''}`}
              onClick={() => patch({ shippingTemplateId: tpl.id }, ['shippingTemplateId'])}
            >
              {tpl.name}
            </View>
          ))}
        </View>
      )}
      {templates !== null && templates.length === 0 ? <Text className="m-help">{t('merchant.tpl.product_none')}</Text> : null}
    </View>
  );
}
