import { Picker, Text, View } from '@tarojs/components';
import { useI18n } from '../../../i18n';
import { FieldError } from '../../components/field-error';
import type { FieldErrors, ProductForm } from '../../lib/product-form';
import { isoToLocal, localToIso } from '../../lib/schedule';

interface Props {
  form: ProductForm;
  errors: FieldErrors;
  patch: (p: Partial<ProductForm>, clear?: string[]) => void;
}

/** Optional on-sale and off-sale times (local date + time; sent as ISO instants). */
export function ScheduleSection({ form, errors, patch }: Props) {
  const { t } = useI18n();
  const row = (field: 'onSaleAt' | 'offSaleAt', id: string, label: string) => {
    const value = form[field];
    const local = value ? isoToLocal(value) : null;
    const set = (date: string, time: string) => patch({ [field]: localToIso(date, time) }, [field]);
    const today = isoToLocal(new Date().toISOString()).date;
    return (
      <View className="field">
        <Text className="field__label">{label}</Text>
        <View className="m-when">
          <Picker mode="date" value={local?.date ?? today} start={today} onChange={(e) => set(String(e.detail.value), local?.time ?? '09:00')}>
            <View id={`${id}-date`} className="field__input m-when__part">
              {local?.date ?? t('merchant.product.pick_date')}
            </View>
          </Picker>
          <Picker mode="time" value={local?.time ?? '09:00'} onChange={(e) => set(local?.date ?? today, String(e.detail.value))}>
            <View id={`${id}-time`} className="field__input m-when__part">
              {local?.time ?? '--:--'}
            </View>
          </Picker>
          {value ? (
            <Text id={`${id}-clear`} className="m-link m-link--danger" onClick={() => patch({ [field]: null }, [field])}>
              {t('merchant.common.clear')}
            </Text>
          ) : null}
        </View>
        <FieldError errors={errors} path={field} />
      </View>
    );
  };
  return (
    <View id="pe-schedule" className="card m-section">
      <Text className="m-section__title">{t('merchant.product.schedule')}</Text>
      <Text className="m-help">{t('merchant.product.schedule_help')}</Text>
      {row('onSaleAt', 'pe-onsale', t('merchant.product.on_sale_at'))}
      {row('offSaleAt', 'pe-offsale', t('merchant.product.off_sale_at'))}
    </View>
  );
}
