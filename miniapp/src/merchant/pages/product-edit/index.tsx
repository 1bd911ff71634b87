import '../../messages';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { CURRENCIES, type Currency, type Language, type MerchantProductView, type ProductStatus, type ShippingTemplate } from '@wxshop/shared';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { createDraft, fetchProduct, runProductAction, saveProduct } from '../../../services/catalog-admin';
import { fetchStore } from '../../../services/merchant';
import { fetchShippingTemplates } from '../../../services/merchant-orders';
import { fetchCategoryTree } from '../../../services/onboarding';
import { errorText, isApiError, toast } from '../../../services/request';
import { getSession } from '../../../services/session';
import { LangTabs } from '../../components/lang-tabs';
import { MerchantScreen } from '../../components/screen';
import { newIdempotencyKey } from '../../lib/keys';
import { apiFieldErrors, buildProductInput, emptyProductForm, formFromProduct, type FieldErrors, type ProductForm } from '../../lib/product-form';
import { buildSkuRows, effectiveSpecs } from '../../lib/sku-matrix';
import { merchantUrl, useMerchant } from '../../lib/use-merchant';
import '../merchant.scss';
import { BasicsSection } from './basics-section';
import { DetailsSection } from './details-section';
import { MediaSection } from './media-section';
import { ScheduleSection } from './schedule-section';
import { ShippingSection } from './shipping-section';
import { SkuTable } from './sku-table';
import { SpecsSection } from './specs-section';

const EDITABLE: readonly ProductStatus[] = ['draft', 'rejected', 'off_shelf'];

interface Loaded {
  product: MerchantProductView | null;
  currency: Currency;
  tree: Awaited<ReturnType<typeof fetchCategoryTree>>;
  /** The store's shipping templates; null when they could not be loaded (the editor still works). */
  templates: ShippingTemplate[] | null;
}

/**
 * Create or edit a product: texts per language (zh-CN required), leaf category, details, up to 9
 * images and a video, spec dimensions generating the SKU matrix (prices typed in yuan, sent in fen),
 * schedule; save as draft or submit for review. API field errors show next to their fields.
 */
export default function MerchantProductEditPage() {
  const { t } = useI18n();
  const { merchantId, can } = useMerchant();
  const initialId = useRouter().params.productId ?? null;
  usePageTitle(initialId ? 'merchant.product.edit_title' : 'merchant.product.new_title');
  const [productId, setProductId] = useState<string | null>(initialId);
  const [loaded, load] = useRemote<Loaded>(async () => {
    const [product, tree, templates] = await Promise.all([
      productId ? fetchProduct(merchantId, productId) : Promise.resolve(null),
      fetchCategoryTree(),
      fetchShippingTemplates(merchantId).catch(() => null),
    ]);
    const currency = product ? product.currency : (await fetchStore(merchantId)).currency;
    return { product, currency, tree, templates };
  });
  const [form, setForm] = useState<ProductForm | null>(null);
  const [status, setStatus] = useState<ProductStatus>('draft');
  const [lang, setLang] = useState<Language>('zh-CN');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const key = useRef(newIdempotencyKey('product'));

  useDidShow(() => {
    if (!getSession() || form) return;
    void load();
  });

  // The form starts from the loaded product (once).
  const ready = loaded.status === 'ok' ? loaded.data : null;
  useEffect(() => {
    if (!ready || form) return;
    const start = ready.product ? formFromProduct(ready.product, CURRENCIES[ready.currency]) : emptyProductForm();
    // A template deleted since the product named it: the store's default prices it, and the next save says so.
    if (start.shippingTemplateId && ready.templates && !ready.templates.some((x) => x.id === start.shippingTemplateId)) start.shippingTemplateId = null;
    setForm(start);
    if (ready.product) setStatus(ready.product.status);
  }, [ready, form]);

  const digits = loaded.status === 'ok' ? CURRENCIES[loaded.data.currency] : 2;
  const patch = (p: Partial<ProductForm>, clear: string[] = []) => {
    setForm((f) => (f ? { ...f, ...p } : f));
    setFormError(null);
    if (clear.length)
      setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !clear.some((c) => k === c || k.startsWith(`${c}.`)))) as FieldErrors);
    key.current = newIdempotencyKey('product');
  };
  const setSpecs = (specs: ProductForm['specs']) => {
    if (!form) return;
    const rows = buildSkuRows(effectiveSpecs(specs), form.rows);
    if (!rows) {
      setErrors((e) => ({ ...e, skus: 'merchant.err.too_many_skus' }));
      return patch({ specs });
    }
    patch({ specs, rows }, ['specs', 'skus']);
  };

  const persist = async (): Promise<MerchantProductView | null> => {
    if (!form) return null;
    const { input, errors: found } = buildProductInput(form, digits, productId === null);
    setErrors(found);
    setFormError(null);
    if (!input) {
      setFormError(t('merchant.err.check_fields'));
      return null;
    }
    try {
      const saved = productId ? await saveProduct(merchantId, productId, input, key.current) : await createDraft(merchantId, input, key.current);
      key.current = newIdempotencyKey('product');
      setProductId(saved.id);
      setStatus(saved.status);
      setForm(formFromProduct(saved, digits));
      return saved;
    } catch (e) {
      // Field errors show next to their fields; the line above the buttons points at them.
      if (isApiError(e) && e.fields) {
        setErrors(apiFieldErrors(e.fields));
        setFormError(t('merchant.err.check_fields'));
      } else setFormError(errorText(e));
      return null;
    }
  };

  const save = async () => {
    setBusy('save');
    const saved = await persist();
    setBusy(null);
    if (saved) toast(t('merchant.product.saved'));
  };

  const submit = async () => {
    setBusy('submit');
    try {
      const saved = await persist();
      if (!saved) return;
      await runProductAction(merchantId, saved.id, 'submit');
      toast(t('merchant.product.submitted'));
      void Taro.redirectTo({ url: merchantUrl('products', merchantId) });
    } catch (e) {
      setFormError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  // An approved product is edited after taking it off the shelf (re-listing a changed product goes through review).
  const takeOff = async () => {
    if (!productId || busy) return;
    setBusy('save');
    try {
      await runProductAction(merchantId, productId, 'off_shelf');
      setStatus('off_shelf');
      toast(t('merchant.products.done.off_shelf'));
    } catch (e) {
      setFormError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const writable = can('merchant:product:write');
  const editable = writable && EDITABLE.includes(status);

  return (
    <MerchantScreen id="page-merchant-product-edit" state={loaded} onRetry={() => void load()}>
      {() =>
        form && loaded.status === 'ok' ? (
          <View className={`m-editor ${editable ? '' : 'm-locked'}`}>
            {!editable ? (
              <View id="pe-locked" className="banner">
                <Text>{writable ? t('merchant.product.locked', { status: t(`merchant.product.status.${status}`) }) : t('merchant.common.read_only')}</Text>
                {writable && status === 'approved' && productId ? (
                  <Text id="pe-off-shelf" className="m-action m-action--danger" onClick={() => void takeOff()}>
                    {t('merchant.products.action.off_shelf')}
                  </Text>
                ) : null}
              </View>
            ) : null}
            {status === 'rejected' && loaded.data.product?.rejectReason ? (
              <View id="pe-reject-reason" className="card m-reason m-reason--card">
                <Text className="m-reason__label">{t('merchant.products.reject_reason')}</Text>
                <Text className="m-reason__text">{loaded.data.product.rejectReason}</Text>
              </View>
            ) : null}
            <View className="m-sticky">
              <LangTabs idPrefix="pe-lang" value={lang} onChange={setLang} filled={(l) => !!form.title[l]?.trim()} />
            </View>
            <BasicsSection form={form} lang={lang} errors={errors} tree={loaded.data.tree} patch={patch} />
            <MediaSection merchantId={merchantId} form={form} errors={errors} patch={patch} />
            <DetailsSection form={form} errors={errors} patch={patch} />
            <ShippingSection templates={loaded.data.templates} value={form.shippingTemplateId} patch={patch} />
            <SpecsSection specs={form.specs} lang={lang} errors={errors} onChange={setSpecs} />
            <SkuTable
              merchantId={merchantId}
              form={form}
              lang={lang}
              errors={errors}
              currency={loaded.data.currency}
              creating={productId === null}
              onRows={(rows, clear) => patch({ rows }, clear)}
            />
            <ScheduleSection form={form} errors={errors} patch={patch} />
            {formError ? (
              <Text id="pe-error" className="form-error m-pad">
                {formError}
              </Text>
            ) : null}
            {editable ? (
              <View className="m-bottom-bar">
                <Button
                  id="pe-save"
                  className="btn btn--ghost"
                  loading={busy === 'save' || undefined}
                  disabled={busy !== null || undefined}
                  onClick={() => void save()}
                >
                  {t('merchant.product.save_draft')}
                </Button>
                <Button
                  id="pe-submit"
                  className="btn btn--primary"
                  loading={busy === 'submit' || undefined}
                  disabled={busy !== null || undefined}
                  onClick={() => void submit()}
                >
                  {t('merchant.product.submit')}
                </Button>
              </View>
            ) : null}
          </View>
        ) : null
      }
    </MerchantScreen>
  );
}
