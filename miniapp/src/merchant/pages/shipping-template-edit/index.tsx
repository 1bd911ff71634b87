import '../../messages';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { CURRENCIES, SHIPPING_BASES, type Currency } from '@wxshop/shared';
import { EmptyState } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { fieldLabel } from '../../../platform/ui';
import { fetchStore } from '../../../services/merchant';
import { fetchShippingTemplates, saveShippingTemplate } from '../../../services/merchant-orders';
import { errorText, isApiError, toast } from '../../../services/request';
import { getSession } from '../../../services/session';
import { RegionPicker } from '../../components/region-picker';
import { MerchantScreen } from '../../components/screen';
import {
  buildTemplateInput,
  emptyTemplateForm,
  formFromTemplate,
  takenRegions,
  templateApiErrors,
  type RuleDraft,
  type TemplateErrors,
  type TemplateForm,
} from '../../lib/template-form';
import { merchantUrl, useMerchant } from '../../lib/use-merchant';
import '../merchant.scss';
import '../fulfilment.scss';

const RULE_FIELDS: (keyof RuleDraft)[] = ['first', 'firstFee', 'additional', 'additionalFee'];
const RULE_ID: Record<keyof RuleDraft, string> = { first: 'first', firstFee: 'first-fee', additional: 'additional', additionalFee: 'additional-fee' };

/** Create or edit a shipping fee template: by count or weight, a default rule, region groups of provinces, free above an amount, regions not delivered to. */
export default function ShippingTemplateEditPage() {
  const { t } = useI18n();
  const { merchantId, can } = useMerchant();
  const templateId = useRouter().params.templateId ?? null;
  usePageTitle(templateId ? 'merchant.tpl.edit_title' : 'merchant.tpl.new_title');
  const [loaded, load] = useRemote(async () => {
    const [items, store] = await Promise.all([fetchShippingTemplates(merchantId), fetchStore(merchantId)]);
    return { items, currency: store.currency as Currency };
  });
  const [form, setForm] = useState<TemplateForm | null>(null);
  const [errors, setErrors] = useState<TemplateErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useDidShow(() => {
    if (getSession() && !form) void load();
  });

  const ready = loaded.status === 'ok' ? loaded.data : null;
  const existing = ready && templateId ? (ready.items.find((x) => x.id === templateId) ?? null) : null;
  const digits = ready ? CURRENCIES[ready.currency] : 2;
  useEffect(() => {
    if (!ready || form) return;
    if (templateId && !existing) return;
    setForm(existing ? formFromTemplate(existing, digits) : emptyTemplateForm(ready.items.length === 0));
  }, [ready, form, existing, templateId, digits]);

  const patch = (p: Partial<TemplateForm>, clear: string[] = []) => {
    setForm((f) => (f ? { ...f, ...p } : f));
    setFormError(null);
    if (clear.length) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !clear.some((c) => k === c || k.startsWith(`${c}.`)))));
  };

  const save = async () => {
    if (!form) return;
    const built = buildTemplateInput(form, digits);
    if ('errors' in built) {
      setErrors(built.errors);
      setFormError(t('merchant.err.check_fields'));
      return;
    }
    setBusy(true);
    try {
      await saveShippingTemplate(merchantId, templateId, built.input);
      toast(t('merchant.common.saved'));
      void Taro.redirectTo({ url: merchantUrl('shipping-templates', merchantId) });
    } catch (e) {
      if (isApiError(e) && e.fields) {
        setErrors(templateApiErrors(e.fields));
        setFormError(t('merchant.err.check_fields'));
      } else setFormError(isApiError(e) && e.status === 422 && e.message ? e.message : errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const err = (path: string) => (errors[path] ? <Text className="m-field-error">{t(errors[path]!)}</Text> : null);
  const unitLabel = (f: TemplateForm, part: 'first' | 'additional') => t(`merchant.tpl.${part}_${f.basis}`);
  const currency = ready?.currency ?? 'CNY';
  const feeLabel = (part: 'firstFee' | 'additionalFee') => t(`merchant.tpl.${part === 'firstFee' ? 'first_fee' : 'additional_fee'}`, { currency });

  const ruleInputs = (f: TemplateForm, idPrefix: string, path: string, rule: RuleDraft, onRule: (r: RuleDraft) => void) => (
    <View className="m-grid2">
      {RULE_FIELDS.map((k) => {
        const label = k === 'first' || k === 'additional' ? unitLabel(f, k) : feeLabel(k);
        return (
          <View key={k} className="field">
            <Text className="field__label">{label}</Text>
            <Input
              {...fieldLabel(label)}
              id={`${idPrefix}-${RULE_ID[k]}`}
              className={`field__input ${errors[`${path}.${k}`] ? 'field__input--bad' : ''}`}
              type="digit"
              maxlength={12}
              value={rule[k]}
              onInput={(e) => {
                onRule({ ...rule, [k]: e.detail.value });
                setErrors((x) => Object.fromEntries(Object.entries(x).filter(([p]) => p !== `${path}.${k}`)));
              }}
            />
            {err(`${path}.${k}`)}
          </View>
        );
      })}
    </View>
  );

  return (
    <MerchantScreen id="page-shipping-template-edit" state={loaded} onRetry={() => void load()}>
      {() => {
        if (templateId && ready && !existing)
          return <EmptyState id="tpl-not-found" icon="cart" title={t('merchant.tpl.not_found')} body={t('merchant.page_no_access')} />;
        if (!form) return null;
        const writable = can('merchant:product:write');
        return (
          <View className={`m-editor ${writable ? '' : 'm-locked'}`}>
            {!writable ? (
              <View className="banner">
                <Text>{t('merchant.common.read_only')}</Text>
              </View>
            ) : null}
            <View className="card m-section">
              <View className="field">
                <Text className="field__label">{t('merchant.tpl.name')}</Text>
                <Input
                  {...fieldLabel(t('merchant.tpl.name'))}
                  id="tpl-name"
                  className={`field__input ${errors.name ? 'field__input--bad' : ''}`}
                  maxlength={40}
                  placeholder={t('merchant.tpl.name_hint')}
                  value={form.name}
                  onInput={(e) => patch({ name: e.detail.value }, ['name'])}
                />
                {err('name')}
              </View>
              <Text className="field__label">{t('merchant.tpl.basis_label')}</Text>
              <View className="m-chips" role="radiogroup" aria-label={t('merchant.tpl.basis_label')}>
                {SHIPPING_BASES.map((b) => (
                  <View
                    key={b}
                    id={`tpl-basis-${b}`}
                    role="radio"
                    aria-checked={form.basis === b}
                    className={`m-chip ${form.basis === b ? 'm-chip--active' : ''}`}
                    onClick={() => patch({ basis: b }, ['defaultRule', 'regionRules'])}
                  >
                    {t(`merchant.tpl.basis.${b}`)}
                  </View>
                ))}
              </View>
              <Text className="m-help">{t(`merchant.tpl.basis_help.${form.basis}`)}</Text>
            </View>

            <View id="tpl-default-rule" className="card m-section">
              <Text className="m-section__title">{t('merchant.tpl.everywhere')}</Text>
              {ruleInputs(form, 'tpl-default', 'defaultRule', form.defaultRule, (r) => patch({ defaultRule: r }))}
            </View>

            {form.regionRules.map((g, i) => (
              <View key={i} id={`tpl-group-${i}`} className="card m-section">
                <View className="m-section__head">
                  <Text className="m-section__title">{t('merchant.tpl.group', { n: i + 1 })}</Text>
                  <Text
                    id={`tpl-group-${i}-remove`}
                    className="m-link m-link--danger"
                    onClick={() => patch({ regionRules: form.regionRules.filter((_, j) => j !== i) }, ['regionRules'])}
                  >
                    {t('merchant.common.remove')}
                  </Text>
                </View>
                <RegionPicker
                  id={`tpl-group-${i}-regions`}
                  label={t('merchant.tpl.group_regions')}
                  value={g.regionCodes}
                  taken={takenRegions(form, i)}
                  onChange={(codes) =>
                    patch({ regionRules: form.regionRules.map((x, j) => (j === i ? { ...x, regionCodes: codes } : x)) }, [`regionRules.${i}.regionCodes`])
                  }
                />
                {err(`regionRules.${i}.regionCodes`)}
                {ruleInputs(form, `tpl-group-${i}`, `regionRules.${i}`, g, (r) =>
                  patch({ regionRules: form.regionRules.map((x, j) => (j === i ? { ...x, ...r } : x)) }),
                )}
              </View>
            ))}
            {form.regionRules.length < 50 ? (
              <Text
                id="tpl-add-group"
                className="m-link m-pad"
                onClick={() => patch({ regionRules: [...form.regionRules, { ...form.defaultRule, regionCodes: [] }] })}
              >
                + {t('merchant.tpl.add_group')}
              </Text>
            ) : null}

            <View className="card m-section">
              <View className="field">
                <Text className="field__label">{t('merchant.tpl.free_above', { currency })}</Text>
                <Input
                  {...fieldLabel(t('merchant.tpl.free_above', { currency }))}
                  id="tpl-free-above"
                  className={`field__input ${errors.freeAbove ? 'field__input--bad' : ''}`}
                  type="digit"
                  maxlength={12}
                  placeholder={t('merchant.tpl.free_above_hint')}
                  value={form.freeAbove}
                  onInput={(e) => patch({ freeAbove: e.detail.value }, ['freeAbove'])}
                />
                {err('freeAbove')}
              </View>
              <RegionPicker
                id="tpl-excluded"
                label={t('merchant.tpl.excluded')}
                value={form.excludedRegions}
                taken={takenRegions(form, 'excluded')}
                onChange={(codes) => patch({ excludedRegions: codes }, ['excludedRegions'])}
              />
              {err('excludedRegions')}
              <View
                id="tpl-default"
                role="switch"
                aria-checked={form.isDefault}
                className={`row m-gap f-switch ${form.isDefault ? 'f-switch--on' : ''}`}
                onClick={() => patch({ isDefault: !form.isDefault })}
              >
                <Text>{t('merchant.tpl.is_default')}</Text>
                <Text className="f-switch__knob" />
              </View>
            </View>

            {formError ? (
              <Text id="tpl-error" className="form-error m-pad">
                {formError}
              </Text>
            ) : null}
            {writable ? (
              <View className="m-bottom-bar">
                <Button id="tpl-save" className="btn btn--primary" loading={busy || undefined} disabled={busy || undefined} onClick={() => void save()}>
                  {t('merchant.tpl.save')}
                </Button>
              </View>
            ) : null}
          </View>
        );
      }}
    </MerchantScreen>
  );
}
