import { Button, Input, Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { STAFF_ROLES, type StaffRole } from '@wxshop/shared';
import { useI18n } from '../../../i18n';
import { inviteStaff } from '../../../services/merchant';
import { normalizePhone } from '../../../services/phone';
import { errorCode, errorText, toast } from '../../../services/request';
import { newIdempotencyKey } from '../../lib/keys';

/** Invite by phone with a role: an existing account is added at once, a new phone when it first signs in. */
export function InviteForm({ merchantId, onInvited }: { merchantId: string; onInvited: () => void }) {
  const { t } = useI18n();
  const [phone, setPhone] = useState('');
  const [role, setRole] = useState<StaffRole>('operator');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(newIdempotencyKey('invite'));

  const submit = async () => {
    const e164 = normalizePhone(phone);
    if (!e164) return setError(t('merchant.err.phone'));
    setError(null);
    setBusy(true);
    try {
      const out = await inviteStaff(merchantId, e164, role, key.current);
      key.current = newIdempotencyKey('invite');
      setPhone('');
      toast(out.outcome === 'added' ? t('merchant.staff.added') : t('merchant.staff.invited'));
      onInvited();
    } catch (e) {
      setError(errorCode(e) === 'conflict' ? t('merchant.staff.already') : errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View id="staff-invite" className="card m-section">
      <Text className="m-section__title">{t('merchant.staff.invite')}</Text>
      <Text className="m-help">{t('merchant.staff.invite_help')}</Text>
      <View className="field">
        <Input
          id="staff-invite-phone"
          className="field__input"
          type="number"
          maxlength={16}
          placeholder={t('merchant.apply.phone_hint')}
          value={phone}
          onInput={(e) => {
            setPhone(e.detail.value);
            key.current = newIdempotencyKey('invite');
          }}
        />
      </View>
      <View className="m-chips m-gap-b">
        {STAFF_ROLES.map((r) => (
          <View key={r} id={`staff-invite-role-${r}`} className={`m-chip ${role === r ? 'm-chip--active' : ''}`} onClick={() => setRole(r)}>
            {t(`role.merchant.${r}`)}
          </View>
        ))}
      </View>
      {error ? (
        <Text id="staff-invite-error" className="form-error">
          {error}
        </Text>
      ) : null}
      <Button
        id="staff-invite-submit"
        className="btn btn--primary m-gap"
        loading={busy || undefined}
        disabled={busy || undefined}
        onClick={() => void submit()}
      >
        {t('merchant.staff.invite_submit')}
      </Button>
    </View>
  );
}
