import '../../messages';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { MessageKey } from '@wxshop/shared';
import { ErrorState, Loading, SignInRequired } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { fieldLabel } from '../../../platform/ui';
import { fetchAddresses, removeAddress, saveAddress } from '../../../services/addresses';
import { errorCode, errorText, isApiError, toast } from '../../../services/request';
import { useSession } from '../../../services/session';
import { useParams } from '../../../shop/lib/params';
import { RegionPicker } from '../../components/region-picker';
import { emptyForm, formOf, serverErrors, validate, type AddressForm } from '../../lib/address-form';
import '../checkout.scss';

/** Label chips: what is stored is the text in the shopper's language. */
const LABELS: MessageKey[] = ['checkout.label_home', 'checkout.label_work', 'checkout.label_school'];

/** New address, or edit one (`?id=`): recipient, phone, region (cascader), street, postal code, label, default. */
export default function AddressEditPage() {
  const { t } = useI18n();
  const { id } = useParams();
  usePageTitle(id ? 'checkout.address_edit_title' : 'checkout.address_new_title');
  const userId = useSession()?.profile.id;
  const [form, setForm] = useState<AddressForm | null>(id ? null : emptyForm());
  const [loadError, setLoadError] = useState<unknown>(null);
  const [errors, setErrors] = useState<Record<string, MessageKey>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [regionOpen, setRegionOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    if (!id) return;
    setLoadError(null);
    try {
      const found = (await fetchAddresses()).find((a) => a.id === id);
      if (!found) throw new Error('not found');
      setForm(formOf(found));
    } catch (e) {
      setLoadError(e);
    }
  };
  useEffect(() => {
    if (userId) void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per address and account
  }, [userId, id]);

  const set = (patch: Partial<AddressForm>) => {
    setForm((f) => (f ? { ...f, ...patch } : f));
    setErrors((e) => {
      const next = { ...e };
      Object.keys(patch).forEach((k) => delete next[k === 'regionText' ? 'regionCode' : k]);
      return next;
    });
  };

  const save = async () => {
    if (!form) return;
    const checked = validate(form);
    if ('errors' in checked) return setErrors(checked.errors);
    setBusy(true);
    setFormError(null);
    try {
      await saveAddress(id ?? null, checked.input);
      toast(t('common.saved'));
      void Taro.navigateBack();
    } catch (e) {
      if (errorCode(e) === 'validation_failed' && isApiError(e)) setErrors(serverErrors(e.fields));
      if (errorCode(e) === 'unknown_region') setErrors({ regionCode: 'checkout.err_region' });
      setFormError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!id) return;
    const { confirm } = await Taro.showModal({
      content: t('checkout.address_delete_confirm'),
      cancelText: t('common.cancel'),
      confirmText: t('checkout.address_delete'),
    });
    if (!confirm) return;
    setBusy(true);
    try {
      await removeAddress(id);
      toast(t('checkout.address_deleted'));
      void Taro.navigateBack();
    } catch (e) {
      setFormError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (!userId)
    return (
      <View id="page-address-edit" className="page">
        <SignInRequired id="address-signin" />
      </View>
    );
  if (loadError && !form)
    return (
      <View id="page-address-edit" className="page">
        <ErrorState id="address-load-error" error={loadError} onRetry={() => void load()} />
      </View>
    );
  if (!form)
    return (
      <View id="page-address-edit" className="page">
        <Loading id="address-loading" />
      </View>
    );

  const fieldError = (name: string) =>
    errors[name] ? (
      <Text id={`address-${name}-error`} className="form-error co-field-error">
        {t(errors[name]!)}
      </Text>
    ) : null;

  return (
    <View id="page-address-edit" className="page co">
      <View className="card co-card co-form">
        <View className="field">
          <Text className="field__label">{t('checkout.field_recipient')}</Text>
          <Input
            id="address-recipient"
            className="field__input"
            maxlength={40}
            value={form.recipient}
            onInput={(e) => set({ recipient: e.detail.value })}
            {...fieldLabel(t('checkout.field_recipient'))}
          />
          {fieldError('recipient')}
        </View>
        <View className="field">
          <Text className="field__label">{t('checkout.field_phone')}</Text>
          <Input
            id="address-phone"
            className="field__input"
            type="number"
            maxlength={11}
            value={form.phone}
            onInput={(e) => set({ phone: e.detail.value })}
            {...fieldLabel(t('checkout.field_phone'))}
          />
          {fieldError('phone')}
        </View>
        <View className="field">
          <Text className="field__label">{t('checkout.field_region')}</Text>
          <View
            id="address-region"
            className="field__input co-select"
            role="button"
            aria-label={`${t('checkout.field_region')} ${form.regionText || t('checkout.region_choose')}`}
            onClick={() => setRegionOpen(true)}
          >
            <Text id="address-region-value" className={form.regionText ? '' : 'co-placeholder'}>
              {form.regionText || t('checkout.region_choose')}
            </Text>
            <Text className="row__chevron">›</Text>
          </View>
          {fieldError('regionCode')}
        </View>
        <View className="field">
          <Text className="field__label">{t('checkout.field_detail')}</Text>
          <Input
            id="address-detail"
            className="field__input"
            maxlength={120}
            placeholder={t('checkout.field_detail_hint')}
            value={form.detail}
            onInput={(e) => set({ detail: e.detail.value })}
            {...fieldLabel(t('checkout.field_detail'))}
          />
          {fieldError('detail')}
        </View>
        <View className="field">
          <Text className="field__label">{t('checkout.field_postal')}</Text>
          <Input
            id="address-postal"
            className="field__input"
            type="number"
            maxlength={6}
            value={form.postalCode}
            onInput={(e) => set({ postalCode: e.detail.value })}
            {...fieldLabel(t('checkout.field_postal'))}
          />
          {fieldError('postalCode')}
        </View>
        <View className="field">
          <Text className="field__label">{t('checkout.field_label')}</Text>
          <View className="co-chips">
            {LABELS.map((key, i) => {
              const text = t(key);
              const on = form.label === text;
              return (
                <View
                  key={key}
                  id={`address-label-${i}`}
                  className={`co-chip ${on ? 'co-chip--active' : ''}`}
                  role="button"
                  aria-pressed={on}
                  onClick={() => set({ label: on ? '' : text })}
                >
                  {text}
                </View>
              );
            })}
          </View>
          {fieldError('label')}
        </View>
        <View
          id="address-default"
          className="co-row co-switch"
          role="switch"
          aria-checked={form.isDefault}
          aria-label={t('checkout.field_default')}
          data-on={form.isDefault ? 'true' : 'false'}
          onClick={() => set({ isDefault: !form.isDefault })}
        >
          <Text>{t('checkout.field_default')}</Text>
          <View className={`co-switch__track ${form.isDefault ? 'co-switch__track--on' : ''}`}>
            <View className="co-switch__knob" />
          </View>
        </View>
      </View>
      <View className="co-actions">
        {formError ? (
          <Text id="address-error" className="form-error">
            {formError}
          </Text>
        ) : null}
        <Button id="address-save" className="btn btn--primary" loading={busy || undefined} disabled={busy || undefined} onClick={() => void save()}>
          {t('checkout.address_save')}
        </Button>
        {id ? (
          <Button id="address-delete" className="btn btn--danger co-gap" disabled={busy || undefined} onClick={() => void remove()}>
            {t('checkout.address_delete')}
          </Button>
        ) : null}
      </View>
      {regionOpen ? (
        <RegionPicker
          value={form.regionCode}
          onClose={() => setRegionOpen(false)}
          onPick={(code, text) => {
            set({ regionCode: code, regionText: text });
            setRegionOpen(false);
          }}
        />
      ) : null}
    </View>
  );
}
