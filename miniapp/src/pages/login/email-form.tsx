import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Email, Password } from '@wxshop/shared';
import { useI18n } from '../../i18n';
import { registerWithEmail, signInWithEmail } from '../../services/auth';
import { errorText } from '../../services/request';

/** Email + password: sign in, or create an account (with an optional nickname). */
export function EmailForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const [register, setRegister] = useState(false);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [nickname, setNickname] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const parsedEmail = Email.safeParse(email);
    if (!parsedEmail.success) return setError(t('login.invalid_email'));
    if (register ? !Password.safeParse(password).success : password.length === 0) return setError(t('login.invalid_password'));
    setError(null);
    setBusy(true);
    try {
      if (register) await registerWithEmail(parsedEmail.data, password, nickname.trim());
      else await signInWithEmail(parsedEmail.data, password);
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View id="login-email-form">
      <View className="field">
        <Text className="field__label">{t('login.email')}</Text>
        <Input
          id="login-email"
          className="field__input"
          type="text"
          placeholder={t('login.email_placeholder')}
          value={email}
          onInput={(e) => setEmail(e.detail.value)}
        />
      </View>
      <View className="field">
        <Text className="field__label">{t('login.password')}</Text>
        <Input
          id="login-password"
          className="field__input"
          password
          placeholder={t('login.password_placeholder')}
          value={password}
          onInput={(e) => setPassword(e.detail.value)}
        />
      </View>
      {register ? (
        <View className="field">
          <Text className="field__label">{t('login.nickname')}</Text>
          <Input
            id="login-nickname"
            className="field__input"
            maxlength={32}
            placeholder={t('login.nickname_placeholder')}
            value={nickname}
            onInput={(e) => setNickname(e.detail.value)}
          />
        </View>
      ) : null}
      {error ? (
        <Text id="login-error" className="form-error">
          {error}
        </Text>
      ) : null}
      <Button id="login-submit" className="btn btn--primary" loading={busy || undefined} disabled={busy || undefined} onClick={submit}>
        {register ? t('login.register_submit') : t('login.submit')}
      </Button>
      <View
        id="login-email-toggle"
        className="login__switch"
        onClick={() => {
          setRegister((r) => !r);
          setError(null);
        }}
      >
        {register ? t('login.to_login') : t('login.to_register')}
      </View>
    </View>
  );
}
