import '../../messages';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { fieldLabel } from '../../../platform/ui';
import { useRef, useState } from 'react';
import { Email, type PlatformRole } from '@wxshop/shared';
import { EmptyState, ErrorState, SignInRequired } from '../../../components/states';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useRemote } from '../../../hooks/use-remote';
import { useI18n } from '../../../i18n';
import { addStaff, type NewStaff } from '../../../services/admin';
import { fetchProfile } from '../../../services/me';
import { normalizePhone } from '../../../services/phone';
import { errorText, toast } from '../../../services/request';
import { getSession, useSession } from '../../../services/session';
import { adminAccess } from '../access';
import '../admin.scss';
import { RolePicker } from './role-picker';

const newKey = () => `staff-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** Make an account platform staff: role + phone or email (+ nickname), POST /admin/staff. */
export default function AdminStaffNewPage() {
  const { t } = useI18n();
  usePageTitle('admin.staff_new_title');
  const session = useSession();
  const [fresh, load] = useRemote(fetchProfile);
  const [role, setRole] = useState<PlatformRole>('operator');
  const [by, setBy] = useState<'phone' | 'email'>('phone');
  const [login, setLogin] = useState('');
  const [nickname, setNickname] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One key per filled-in form: a double tap or a retry after a network error creates one staff member.
  const idempotencyKey = useRef(newKey());

  useDidShow(() => {
    if (getSession()) void load();
  });

  if (!session) return <SignInRequired id="admin-signin" />;
  const access = adminAccess(session.profile, fresh, 'platform:staff:write');
  if (access === 'denied')
    return (
      <View id="page-admin-staff-new" className="page">
        <EmptyState id="admin-no-access" icon="lock" title={t('admin.no_access_title')} body={t('admin.no_access_body')} />
      </View>
    );
  if (access === 'error' && fresh.status === 'error')
    return (
      <View id="page-admin-staff-new" className="page">
        <ErrorState error={fresh.error} onRetry={() => void load()} />
      </View>
    );

  const submit = async () => {
    let input: NewStaff;
    if (by === 'phone') {
      const phone = normalizePhone(login);
      if (!phone) return setError(t('login.invalid_phone'));
      input = { role, phone };
    } else {
      const email = Email.safeParse(login);
      if (!email.success) return setError(t('login.invalid_email'));
      input = { role, email: email.data };
    }
    if (nickname.trim()) input.nickname = nickname.trim();
    setError(null);
    setBusy(true);
    try {
      await addStaff(input, idempotencyKey.current);
      idempotencyKey.current = newKey();
      toast(t('admin.staff_created'));
      if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
      else void Taro.redirectTo({ url: '/admin/pages/staff/index' });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const changeBy = (next: 'phone' | 'email') => {
    setBy(next);
    setLogin('');
    setError(null);
  };

  return (
    <View id="page-admin-staff-new" className="page">
      <View className="card admin__form">
        <View className="field">
          <Text className="field__label">{t('admin.staff_role')}</Text>
          <RolePicker value={role} onChange={setRole} />
        </View>
        <View className="field">
          <Text className="field__label">{t('admin.staff_find_by')}</Text>
          <View className="segmented">
            <View id="staff-by-phone" className={`segmented__item ${by === 'phone' ? 'segmented__item--active' : ''}`} onClick={() => changeBy('phone')}>
              {t('admin.staff_by_phone')}
            </View>
            <View id="staff-by-email" className={`segmented__item ${by === 'email' ? 'segmented__item--active' : ''}`} onClick={() => changeBy('email')}>
              {t('admin.staff_by_email')}
            </View>
          </View>
          {by === 'phone' ? (
            <Input
              {...fieldLabel(t('admin.staff_by_phone'))}
              id="staff-phone"
              className="field__input"
              type="number"
              maxlength={16}
              placeholder={t('login.phone_placeholder')}
              value={login}
              onInput={(e) => setLogin(e.detail.value)}
            />
          ) : (
            <Input
              {...fieldLabel(t('admin.staff_by_email'))}
              id="staff-email"
              className="field__input"
              type="text"
              placeholder={t('login.email_placeholder')}
              value={login}
              onInput={(e) => setLogin(e.detail.value)}
            />
          )}
        </View>
        <View className="field">
          <Text className="field__label">{t('admin.staff_nickname')}</Text>
          <Input
            {...fieldLabel(t('admin.staff_nickname'))}
            id="staff-nickname"
            className="field__input"
            maxlength={32}
            value={nickname}
            onInput={(e) => setNickname(e.detail.value)}
          />
        </View>
        {error ? (
          <Text id="staff-error" className="form-error">
            {error}
          </Text>
        ) : null}
        <Button id="staff-submit" className="btn btn--primary" loading={busy || undefined} disabled={busy || undefined} onClick={submit}>
          {t('admin.staff_submit')}
        </Button>
      </View>
    </View>
  );
}
