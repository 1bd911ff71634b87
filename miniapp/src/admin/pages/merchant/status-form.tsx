import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { MERCHANT_STATUSES, type MerchantStatus } from '@wxshop/shared';
import { useI18n } from '../../../i18n';
import { changeMerchantStatus, type MerchantAdminView } from '../../../services/admin-merchants';
import { isApiError, toast, toastError } from '../../../services/request';
import { useIdempotencyKey } from '../../components/keys';
import { ReasonField } from '../../components/reason-field';
import { reasonProblem } from '../../lib/reason';

/** Set the store open, warned, suspended or closed, with a reason the merchant reads; confirmed in a dialog. */
export function StatusForm({ merchant, onChanged }: { merchant: MerchantAdminView; onChanged: () => void }) {
  const { t } = useI18n();
  const options = MERCHANT_STATUSES.filter((s) => s !== merchant.status);
  const [status, setStatus] = useState<MerchantStatus | null>(null);
  const [reason, setReason] = useState('');
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const key = useIdempotencyKey('status');
  const problem = checked ? reasonProblem(reason, 'status') : null;

  const submit = async () => {
    setChecked(true);
    if (!status || reasonProblem(reason, 'status')) return;
    const { confirm } = await Taro.showModal({
      title: t('admin.status_confirm_title'),
      content: t(status === 'closed' ? 'admin.status_confirm_closed' : 'admin.status_confirm', { name: merchant.name, status: t(`merchant.status.${status}`) }),
      confirmText: t('admin.status_confirm_button'),
      cancelText: t('common.cancel'),
      confirmColor: '#c81e24',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      await changeMerchantStatus(merchant.id, status, reason.trim(), key.current());
      key.renew();
      toast(t('admin.status_changed', { status: t(`merchant.status.${status}`) }));
      setStatus(null);
      setReason('');
      setChecked(false);
      onChanged();
    } catch (e) {
      if (isApiError(e) && e.status > 0) key.renew();
      if (isApiError(e) && e.status === 409) onChanged();
      toastError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View id="merchant-status-form" className="card admin__form">
      <Text className="admin__section-title">{t('admin.status_change')}</Text>
      <View className="field">
        <Text className="field__label">{t('admin.status_new')}</Text>
        <View className="admin__roles">
          {options.map((s) => (
            <View
              key={s}
              id={`merchant-status-option-${s}`}
              className={`admin__role ${s === status ? 'admin__role--active' : ''}`}
              onClick={() => setStatus(s)}
            >
              {t(`merchant.status.${s}`)}
            </View>
          ))}
        </View>
        {checked && !status ? (
          <Text id="merchant-status-choose" className="form-error admin__reason-error">
            {t('admin.status_choose')}
          </Text>
        ) : null}
        {status ? <Text className="admin__hint">{t(`admin.status_effect.${status}`)}</Text> : null}
      </View>
      <ReasonField
        id="merchant-status-reason"
        kind="status"
        value={reason}
        problem={problem}
        placeholder={t('admin.status_reason_placeholder')}
        onChange={setReason}
      />
      <Button id="merchant-status-submit" className="btn btn--primary" loading={busy || undefined} disabled={busy || undefined} onClick={() => void submit()}>
        {t('admin.status_submit')}
      </Button>
    </View>
  );
}
