import Taro from '@tarojs/taro';
import type { PlatformLogin } from './types';

/** WeChat one-tap: wx.login gives a single-use code (5 min) that the server exchanges via jscode2session. */
export const platformLogin: PlatformLogin = {
  native: {
    provider: 'wechat',
    async getCode() {
      const res = await Taro.login();
      if (!res.code) throw new Error(res.errMsg || 'wx.login returned no code');
      return res.code;
    },
  },
  forms: false,
};
