import type { PlatformLogin } from './types';

interface AuthCodeResult {
  authCode?: string;
}
declare const my: {
  getAuthCode(options: { scopes: string | string[]; success(res: AuthCodeResult): void; fail(err: unknown): void }): void;
};

/** Alipay one-tap: my.getAuthCode (silent `auth_base` scope) gives a code the server exchanges for the user id. */
export const platformLogin: PlatformLogin = {
  native: {
    provider: 'alipay',
    getCode() {
      return new Promise<string>((resolve, reject) => {
        my.getAuthCode({
          scopes: 'auth_base',
          success: (res) => (res.authCode ? resolve(res.authCode) : reject(new Error('my.getAuthCode returned no authCode'))),
          fail: reject,
        });
      });
    },
  },
  forms: false,
};
