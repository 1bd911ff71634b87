import { Input, Text, View } from '@tarojs/components';
import type { Language } from '@wxshop/shared';
import { useI18n } from '../../../i18n';
import { FieldError } from '../../components/field-error';
import type { FieldErrors } from '../../lib/product-form';
import { MAX_DIMENSIONS, MAX_VALUES, matrixSize, type SpecDraft } from '../../lib/sku-matrix';

interface Props {
  specs: SpecDraft[];
  lang: Language;
  errors: FieldErrors;
  onChange: (specs: SpecDraft[]) => void;
}

/** Up to 3 spec dimensions (colour, size...), each with values; names in the chosen language. */
export function SpecsSection({ specs, lang, errors, onChange }: Props) {
  const { t } = useI18n();
  const setDim = (d: number, next: SpecDraft) => onChange(specs.map((x, i) => (i === d ? next : x)));
  const hint = (zh: string | undefined) => (lang === 'zh-CN' ? undefined : zh || undefined);

  return (
    <View id="pe-specs" className="card m-section">
      <View className="m-section__head">
        <Text className="m-section__title">{t('merchant.product.specs')}</Text>
        <Text id="pe-matrix-size" className="m-muted">
          {t('merchant.product.matrix_size', { n: matrixSize(specs) })}
        </Text>
      </View>
      <Text className="m-help">{t('merchant.product.specs_help')}</Text>
      {specs.map((d, di) => (
        <View key={di} id={`pe-spec-${di}`} className="m-block">
          <View className="m-block__head">
            <Input
              id={`pe-spec-name-${di}`}
              className="field__input m-spec__name"
              maxlength={20}
              placeholder={hint(d.name['zh-CN']) ?? t('merchant.product.spec_name_hint')}
              value={d.name[lang] ?? ''}
              onInput={(e) => setDim(di, { ...d, name: { ...d.name, [lang]: e.detail.value } })}
            />
            <Text id={`pe-spec-remove-${di}`} className="m-icon-btn m-icon-btn--danger" onClick={() => onChange(specs.filter((_, i) => i !== di))}>
              ×
            </Text>
          </View>
          <FieldError errors={errors} path={`specs.${di}.name`} />
          <View className="m-chips">
            {d.values.map((v, vi) => (
              <View key={vi} className="m-value">
                <Input
                  id={`pe-spec-${di}-value-${vi}`}
                  className="m-value__input"
                  maxlength={20}
                  placeholder={hint(v['zh-CN']) ?? t('merchant.product.value_hint')}
                  value={v[lang] ?? ''}
                  onInput={(e) => setDim(di, { ...d, values: d.values.map((x, j) => (j === vi ? { ...x, [lang]: e.detail.value } : x)) })}
                />
                <Text
                  id={`pe-spec-${di}-remove-${vi}`}
                  className="m-value__x"
                  onClick={() => setDim(di, { ...d, values: d.values.filter((_, j) => j !== vi) })}
                >
                  ×
                </Text>
              </View>
            ))}
            {d.values.length < MAX_VALUES ? (
              <View id={`pe-spec-${di}-add-value`} className="m-chip m-chip--add" onClick={() => setDim(di, { ...d, values: [...d.values, {}] })}>
                + {t('merchant.product.value_add')}
              </View>
            ) : null}
          </View>
          <FieldError errors={errors} path={`specs.${di}.values`} />
        </View>
      ))}
      {specs.length < MAX_DIMENSIONS ? (
        <Text id="pe-spec-add" className="m-link" onClick={() => onChange([...specs, { name: {}, values: [{}] }])}>
          + {t('merchant.product.spec_add')}
        </Text>
      ) : null}
      <FieldError errors={errors} path="specs" exact />
    </View>
  );
}
