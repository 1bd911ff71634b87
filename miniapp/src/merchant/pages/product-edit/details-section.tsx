import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useI18n } from '../../../i18n';
import { fieldLabel } from '../../../platform/ui';
import { FieldError } from '../../components/field-error';
import { addTag, MAX_ATTRIBUTES, MAX_TAGS, type FieldErrors, type ProductForm } from '../../lib/product-form';

interface Props {
  form: ProductForm;
  errors: FieldErrors;
  patch: (p: Partial<ProductForm>, clear?: string[]) => void;
}

type TextField = 'brand' | 'origin' | 'material' | 'weightGrams' | 'volumeCm3' | 'hsCode' | 'countryOfOrigin';
const FIELDS: {
  field: TextField;
  id: string;
  label: 'brand' | 'origin' | 'material' | 'weight' | 'volume' | 'hs_code' | 'country';
  max: number;
  numeric?: boolean;
}[] = [
  { field: 'brand', id: 'pe-brand', label: 'brand', max: 64 },
  { field: 'origin', id: 'pe-origin', label: 'origin', max: 64 },
  { field: 'material', id: 'pe-material', label: 'material', max: 128 },
  { field: 'weightGrams', id: 'pe-weight', label: 'weight', max: 7, numeric: true },
  { field: 'volumeCm3', id: 'pe-volume', label: 'volume', max: 8, numeric: true },
  { field: 'hsCode', id: 'pe-hs', label: 'hs_code', max: 10, numeric: true },
  { field: 'countryOfOrigin', id: 'pe-country', label: 'country', max: 2 },
];

/** Brand, origin, material, free attributes, tags, weight / volume, HS code and country of origin. */
export function DetailsSection({ form, errors, patch }: Props) {
  const { t } = useI18n();
  const [tag, setTag] = useState('');
  const attrs = form.attributes;
  const setAttr = (i: number, part: 'name' | 'value', v: string) =>
    patch({ attributes: attrs.map((a, j) => (j === i ? { ...a, [part]: v } : a)) }, [`attributes.${i}.${part}`]);
  const pushTag = () => {
    patch({ tags: addTag(form.tags, tag) }, ['tags']);
    setTag('');
  };

  return (
    <View id="pe-details" className="card m-section">
      <Text className="m-section__title">{t('merchant.product.details')}</Text>
      <View className="m-grid2">
        {FIELDS.map(({ field, id, label, max, numeric }) => (
          <View key={field} className="field">
            <Text className="field__label">{t(`merchant.product.${label}`)}</Text>
            <Input
              {...fieldLabel(t(`merchant.product.${label}`))}
              id={id}
              className="field__input"
              type={numeric ? 'number' : 'text'}
              maxlength={max}
              placeholder={field === 'countryOfOrigin' ? 'CN' : field === 'hsCode' ? '6109100000' : ''}
              value={form[field]}
              onInput={(e) => patch({ [field]: field === 'countryOfOrigin' ? e.detail.value.toUpperCase() : e.detail.value }, [field])}
            />
            <FieldError errors={errors} path={field} />
          </View>
        ))}
      </View>

      <Text className="field__label">{t('merchant.product.attributes')}</Text>
      {attrs.map((a, i) => (
        <View key={i} className="m-attr">
          <Input
            id={`pe-attr-name-${i}`}
            className="field__input m-attr__name"
            maxlength={32}
            placeholder={t('merchant.product.attr_name')}
            value={a.name}
            onInput={(e) => setAttr(i, 'name', e.detail.value)}
          />
          <Input
            id={`pe-attr-value-${i}`}
            className="field__input m-attr__value"
            maxlength={128}
            placeholder={t('merchant.product.attr_value')}
            value={a.value}
            onInput={(e) => setAttr(i, 'value', e.detail.value)}
          />
          <Text
            id={`pe-attr-remove-${i}`}
            className="m-icon-btn m-icon-btn--danger"
            onClick={() => patch({ attributes: attrs.filter((_, j) => j !== i) }, ['attributes'])}
          >
            ×
          </Text>
          <FieldError errors={errors} path={`attributes.${i}`} />
        </View>
      ))}
      {attrs.length < MAX_ATTRIBUTES ? (
        <Text id="pe-attr-add" className="m-link m-gap-b" onClick={() => patch({ attributes: [...attrs, { name: '', value: '' }] })}>
          + {t('merchant.product.attr_add')}
        </Text>
      ) : null}

      <Text className="field__label m-gap">
        {t('merchant.product.tags')} ({form.tags.length}/{MAX_TAGS})
      </Text>
      <View className="m-chips">
        {form.tags.map((tg, i) => (
          <View key={tg} id={`pe-tag-${i}`} className="m-chip m-chip--active" onClick={() => patch({ tags: form.tags.filter((x) => x !== tg) }, ['tags'])}>
            {tg} ×
          </View>
        ))}
      </View>
      {form.tags.length < MAX_TAGS ? (
        <View className="m-attr">
          <Input
            id="pe-tag-input"
            className="field__input m-attr__value"
            maxlength={16}
            placeholder={t('merchant.product.tag_hint')}
            value={tag}
            onInput={(e) => setTag(e.detail.value)}
            onConfirm={pushTag}
          />
          <Text id="pe-tag-add" className="m-link" onClick={pushTag}>
            {t('merchant.common.add')}
          </Text>
        </View>
      ) : null}
      <FieldError errors={errors} path="tags" />
    </View>
  );
}
