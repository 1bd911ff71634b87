import Taro from '@tarojs/taro';

/** Local storage of all three platforms (Taro maps it to wx/my storage or localStorage). Never throws. */
export const storage = {
  get<T>(key: string): T | undefined {
    try {
      const value: unknown = Taro.getStorageSync(key);
      return value === '' || value === null || value === undefined ? undefined : (value as T);
    } catch {
      return undefined;
    }
  },
  set(key: string, value: unknown): void {
    try {
      Taro.setStorageSync(key, value);
    } catch {
      // NOTE: storage full or unavailable: the app still works for this run.
    }
  },
  remove(key: string): void {
    try {
      Taro.removeStorageSync(key);
    } catch {
      // ignore
    }
  },
};

export const STORAGE_KEYS = {
  session: 'wxshop.session',
  language: 'wxshop.language',
  currency: 'wxshop.currency',
  /** A share's scene the app was opened with, kept until the shopper signs in and is bound. */
  referral: 'wxshop.referral',
  /** A random id of this install, sent with rewarded views (a signal for the caps, never proof). */
  deviceId: 'wxshop.device',
} as const;
