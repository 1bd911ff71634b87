import { EVERYONE, SIGNED_IN, type Policy } from './types';

/** Signing in, binding login methods, ending sessions. */
export const policy: Policy = {
  'send-sms-code': EVERYONE,
  'login-sms': EVERYONE,
  'login-wechat': EVERYONE,
  'login-alipay': EVERYONE,
  'login-email': EVERYONE,
  'register-email': EVERYONE,
  // the refresh token in the body is the credential: no access token needed
  'refresh-token': EVERYONE,
  logout: SIGNED_IN,
  'logout-all': SIGNED_IN,
  'bind-email': SIGNED_IN,
  'bind-phone': SIGNED_IN,
  'bind-wechat': SIGNED_IN,
};
