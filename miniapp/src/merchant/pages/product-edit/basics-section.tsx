import { Input, Text, Textarea, View } from '@tarojs/components';
import type { CategoryRoot, Language } from '@wxshop/shared';
import { useI18n } from '../../../i18n';
import { CategoryPicker } from '../../components/category-picker';
import { FieldError } from '../../components/field-error';
import type { FieldErrors, ProductForm } from '../../lib/product-form';

interface Props {
  form: ProductForm;
  lang: Language;
  errors: FieldErrors;
  tree: readonly CategoryRoot[];
  patch: (p: Partial<ProductForm>, clear?: string[]) => void;
}

/** Title and description in the chosen language (zh-CN required; the others fall back to it), and the leaf category. */
export function BasicsSection({ form, lang, errors, tree, patch }: Props) {
  const { t } = useI18n();
  const fallback = lang === 'zh-CN' ? undefined : t('merchant.common.translation_hint');
  return (
    <View id="pe-basics" className="card m-section">
      <Text className="m-section__title">{t('merchant.product.basics')}</Text>
      <View className="field">
        <Text className="field__label">
          {t('merchant.product.title_label')}
          {lang === 'zh-CN' ? ' *' : ''}
        </Text>
        <Input
          id="pe-title"
          className="field__input"
          maxlength={120}
          placeholder={fallback ?? t('merchant.product.title_hint')}
          value={form.title[lang] ?? ''}
          onInput={(e) => patch({ title: { ...form.title, [lang]: e.detail.value } }, ['title'])}
        />
        <FieldError errors={errors} path="title" />
      </View>
      <View className="field">
        <Text className="field__label">
          {t('merchant.product.description_label')}
          {lang === 'zh-CN' ? ' *' : ''}
        </Text>
        <Textarea
          id="pe-description"
          className="m-textarea"
          maxlength={5000}
          placeholder={fallback ?? t('merchant.product.description_hint')}
          value={form.description[lang] ?? ''}
          onInput={(e) => patch({ description: { ...form.description, [lang]: e.detail.value } }, ['description'])}
        />
        <FieldError errors={errors} path="description" />
      </View>
      <View className="field">
        <Text className="field__label">{t('merchant.product.category')} *</Text>
        <CategoryPicker idPrefix="pe-category" tree={tree} value={form.categoryId} mode="leaf" onChange={(id) => patch({ categoryId: id }, ['categoryId'])} />
        <FieldError errors={errors} path="categoryId" />
      </View>
    </View>
  );
}
