import { Input, Switch, Text, View } from '@tarojs/components';
import { fieldLabel } from '../../../platform/ui';
import { Picture } from '../../../components/picture';
import { useState } from 'react';
import { CURRENCIES, formatMoney, type Currency, type Language } from '@wxshop/shared';
import { useI18n } from '../../../i18n';
import { uploadProductFile } from '../../../services/catalog-admin';
import { FieldError } from '../../components/field-error';
import { parseMinorUnits } from '../../lib/money-input';
import type { FieldErrors, ProductForm } from '../../lib/product-form';
import { CODE_PREFIX, effectiveSpecs, fillAll, fillCodes, rowLabels, type SkuRow } from '../../lib/sku-matrix';
import { useUploader } from '../../lib/use-upload';
import { checkImage } from '../../lib/uploads';

interface Props {
  merchantId: string;
  form: ProductForm;
  lang: Language;
  errors: FieldErrors;
  currency: Currency;
  /** Creating: every row takes an initial stock. Editing: only rows that are new SKUs do. */
  creating: boolean;
  onRows: (rows: SkuRow[], clear: string[]) => void;
}

type RowField = 'code' | 'price' | 'marketPrice' | 'initialStock' | 'lowStockThreshold';

/** The SKU matrix: one row per combination of spec values, with code, prices (in the store currency), stock, image, enabled. */
export function SkuTable({ merchantId, form, lang, errors, currency, creating, onRows }: Props) {
  const { t } = useI18n();
  const specs = effectiveSpecs(form.specs);
  const [fill, setFill] = useState({ codePrefix: '', price: '', initialStock: '' });
  const prefixBad = fill.codePrefix.trim() !== '' && !CODE_PREFIX.test(fill.codePrefix.trim());
  const uploader = useUploader();
  const [uploadingRow, setUploadingRow] = useState<number | null>(null);
  const digits = CURRENCIES[currency];

  const set = (i: number, patch: Partial<SkuRow>, field: string) =>
    onRows(
      form.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)),
      [`skus.${i}.${field}`, 'skus'],
    );
  const pickImage = async (i: number) => {
    setUploadingRow(i);
    const [m] = await uploader.pickAndUpload('image', 1, checkImage, (f, type) => uploadProductFile(merchantId, f, type));
    setUploadingRow(null);
    if (m) set(i, { imageKey: m.key, imageUrl: m.url }, 'imageKey');
  };
  const applyFill = () => {
    if (prefixBad) return;
    let rows = form.rows;
    if (fill.codePrefix.trim()) rows = fillCodes(rows, fill.codePrefix.trim());
    if (fill.price.trim()) rows = fillAll(rows, 'price', fill.price.trim());
    if (fill.initialStock.trim()) rows = rows.map((r) => (creating || !r.skuId ? { ...r, initialStock: fill.initialStock.trim() } : r));
    onRows(rows, ['skus']);
  };

  const cell = (i: number, r: SkuRow, field: RowField, label: string, numeric: boolean) => {
    const preview = field === 'price' || field === 'marketPrice' ? parseMinorUnits(r[field], digits) : null;
    return (
      <View className="m-sku__cell">
        <Text className="m-sku__label">{label}</Text>
        <Input
          {...fieldLabel(`${label} ${i + 1}`)}
          id={`pe-sku-${i}-${CELL_ID[field]}`}
          className={`field__input m-sku__input ${errors[`skus.${i}.${field}`] ? 'field__input--bad' : ''}`}
          type={numeric ? 'digit' : 'text'}
          maxlength={field === 'code' ? 64 : 12}
          value={r[field]}
          onInput={(e) => set(i, { [field]: e.detail.value }, field)}
        />
        {preview !== null && preview > 0 ? <Text className="m-sku__preview">{formatMoney({ amount: preview, currency }, lang)}</Text> : null}
        <FieldError errors={errors} path={`skus.${i}.${field}`} />
      </View>
    );
  };

  return (
    <View id="pe-skus" className="card m-section">
      <View className="m-section__head">
        <Text className="m-section__title">{t('merchant.product.skus')} *</Text>
        <Text className="m-muted">{t('merchant.product.currency_note', { currency })}</Text>
      </View>
      {form.rows.length > 1 ? (
        <View id="pe-fill" className="m-fill">
          <Input
            {...fieldLabel(t('merchant.product.code_prefix'))}
            id="pe-fill-code"
            className={`field__input m-fill__input ${prefixBad ? 'field__input--bad' : ''}`}
            maxlength={56}
            placeholder={t('merchant.product.code_prefix')}
            value={fill.codePrefix}
            onInput={(e) => setFill((f) => ({ ...f, codePrefix: e.detail.value }))}
          />
          <Input
            id="pe-fill-price"
            className="field__input m-fill__input"
            type="digit"
            placeholder={t('merchant.product.price')}
            value={fill.price}
            onInput={(e) => setFill((f) => ({ ...f, price: e.detail.value }))}
          />
          <Input
            id="pe-fill-stock"
            className="field__input m-fill__input"
            type="number"
            placeholder={t('merchant.product.initial_stock')}
            value={fill.initialStock}
            onInput={(e) => setFill((f) => ({ ...f, initialStock: e.detail.value }))}
          />
          <Text id="pe-fill-apply" className="m-link" onClick={applyFill}>
            {t('merchant.product.fill_all')}
          </Text>
        </View>
      ) : null}
      {prefixBad ? (
        <Text id="pe-fill-code-error" className="field__error">
          {t('merchant.product.code_prefix_invalid')}
        </Text>
      ) : null}
      <FieldError errors={errors} path="skus" exact />
      {form.rows.map((r, i) => {
        const labels = rowLabels(specs, r, lang);
        return (
          <View key={r.key || i} id={`pe-sku-${i}`} className={`m-sku ${r.enabled ? '' : 'm-sku--off'}`}>
            <View className="m-sku__head">
              <View id={`pe-sku-${i}-image`} className="m-sku__thumb" onClick={() => uploadingRow === null && void pickImage(i)}>
                {r.imageUrl ? (
                  <Picture alt="" className="m-sku__img" src={r.imageUrl} mode="aspectFill" />
                ) : (
                  <Text className="m-sku__plus">{uploadingRow === i ? '…' : '+'}</Text>
                )}
              </View>
              <Text id={`pe-sku-${i}-label`} className="m-sku__title">
                {labels.length ? labels.join(' / ') : t('merchant.product.single_sku')}
              </Text>
              <View className="m-sku__enabled">
                <Text className="m-muted">{t('merchant.product.enabled')}</Text>
                <Switch
                  {...fieldLabel(`${t('merchant.product.enabled')} ${i + 1}`)}
                  id={`pe-sku-${i}-enabled`}
                  checked={r.enabled}
                  color="#c81e24"
                  onChange={(e) => set(i, { enabled: e.detail.value }, 'enabled')}
                />
              </View>
            </View>
            <View className="m-sku__grid">
              {cell(i, r, 'code', t('merchant.product.sku_code'), false)}
              {cell(i, r, 'price', t('merchant.product.price'), true)}
              {cell(i, r, 'marketPrice', t('merchant.product.market_price'), true)}
              {creating || !r.skuId ? (
                cell(i, r, 'initialStock', t('merchant.product.initial_stock'), true)
              ) : (
                <View className="m-sku__cell">
                  <Text className="m-sku__label">{t('merchant.product.stock')}</Text>
                  <Text id={`pe-sku-${i}-stock-value`} className="m-sku__static">
                    {r.stock ?? 0}
                  </Text>
                </View>
              )}
              {cell(i, r, 'lowStockThreshold', t('merchant.product.low_stock'), true)}
            </View>
            <FieldError errors={errors} path={`skus.${i}.imageKey`} />
          </View>
        );
      })}
    </View>
  );
}

const CELL_ID: Record<RowField, string> = { code: 'code', price: 'price', marketPrice: 'market', initialStock: 'stock', lowStockThreshold: 'low' };
