import { Button, Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { SmsCode } from '@wxshop/shared';
import { useI18n } from '../../i18n';
import { sendLoginCode, signInWithSms } from '../../services/auth';
import { normalizePhone } from '../../services/phone';
import { errorText, toast } from '../../services/request';

/** Phone + SMS code: send a code (with a resend countdown), then sign in (or sign up). */
export function SmsForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [wait, setWait] = useState(0);
  const [sending, setSending] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (wait <= 0) return undefined;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const send = async () => {
    const e164 = normalizePhone(phone);
    if (!e164) return setError(t('login.invalid_phone'));
    setError(null);
    setSending(true);
    try {
      const res = await sendLoginCode(e164);
      setWait(res.resendAfter > 0 ? res.resendAfter : 60);
      toast(t('login.code_sent'));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSending(false);
    }
  };

  const submit = async () => {
    const e164 = normalizePhone(phone);
    if (!e164) return setError(t('login.invalid_phone'));
    if (!SmsCode.safeParse(code.trim()).success) return setError(t('login.invalid_code'));
    setError(null);
    setBusy(true);
    try {
      await signInWithSms(e164, code.trim());
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View id="login-sms-form">
      <View className="field">
        <Text className="field__label">{t('login.phone')}</Text>
        <Input
          id="login-phone"
          className="field__input"
          type="number"
          maxlength={16}
          placeholder={t('login.phone_placeholder')}
          value={phone}
          onInput={(e) => setPhone(e.detail.value)}
        />
      </View>
      <View className="field">
        <Text className="field__label">{t('login.code')}</Text>
        <View className="field__row">
          <Input
            id="login-sms-code"
            className="field__input login__code"
            type="number"
            maxlength={6}
            placeholder={t('login.code_placeholder')}
            value={code}
            onInput={(e) => setCode(e.detail.value)}
          />
          <Button id="login-sms-send" className="btn btn--ghost btn--small" disabled={sending || wait > 0 || undefined} onClick={send}>
            {wait > 0 ? t('login.resend_in', { seconds: wait }) : t('login.send_code')}
          </Button>
        </View>
      </View>
      {error ? (
        <Text id="login-error" className="form-error">
          {error}
        </Text>
      ) : null}
      <Button id="login-submit" className="btn btn--primary" loading={busy || undefined} disabled={busy || undefined} onClick={submit}>
        {t('login.submit')}
      </Button>
    </View>
  );
}
