import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { usePageTitle } from '../../hooks/use-page-title';
import { useI18n } from '../../i18n';
import { platformLogin } from '../../platform/login';
import { toast } from '../../services/request';
import { EmailForm } from './email-form';
import { NativeLogin } from './native-login';
import { SmsForm } from './sms-form';
import './index.scss';

type Method = 'sms' | 'email';

/** Sign in: the platform's one-tap where there is one (WeChat, Alipay), phone or email forms on H5. */
export default function LoginPage() {
  const { t } = useI18n();
  usePageTitle('login.title');
  const [method, setMethod] = useState<Method>('sms');

  const done = () => {
    toast(t('login.success'));
    // Back to the page that asked for sign-in; opened directly (H5 deep link), go to Me.
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.switchTab({ url: '/pages/me/index' });
  };

  return (
    <View id="page-login" className="page login">
      <View className="login__header">
        <Text id="login-heading" className="login__heading">
          {t('login.heading')}
        </Text>
        <Text className="login__sub">{t('login.subheading')}</Text>
      </View>

      {platformLogin.native ? <NativeLogin provider={platformLogin.native.provider} onDone={done} /> : null}

      {platformLogin.forms ? (
        <View className="login__card">
          <View className="segmented">
            <View id="login-method-sms" className={`segmented__item ${method === 'sms' ? 'segmented__item--active' : ''}`} onClick={() => setMethod('sms')}>
              {t('login.method_sms')}
            </View>
            <View
              id="login-method-email"
              className={`segmented__item ${method === 'email' ? 'segmented__item--active' : ''}`}
              onClick={() => setMethod('email')}
            >
              {t('login.method_email')}
            </View>
          </View>
          {method === 'sms' ? <SmsForm onDone={done} /> : <EmailForm onDone={done} />}
        </View>
      ) : null}
    </View>
  );
}
