import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { signInNative } from '../../services/auth';
import { errorText, isApiError } from '../../services/request';

/** The one-tap button: WeChat (wx.login) or Alipay (my.getAuthCode). */
export function NativeLogin({ provider, onDone }: { provider: 'wechat' | 'alipay'; onDone: () => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const signIn = async () => {
    setBusy(true);
    setError(null);
    try {
      await signInNative();
      onDone();
    } catch (e) {
      // Not an API answer: the platform refused or the user cancelled the authorisation.
      setError(isApiError(e) ? errorText(e) : t('login.native_failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="login__card">
      {error ? (
        <Text id="login-error" className="form-error">
          {error}
        </Text>
      ) : null}
      <Button id={`login-${provider}`} className="btn btn--primary" loading={busy || undefined} disabled={busy || undefined} onClick={signIn}>
        {t(provider === 'wechat' ? 'login.wechat' : 'login.alipay')}
      </Button>
      <Text className="login__hint">{t('login.native_hint')}</Text>
    </View>
  );
}
