import Taro from '@tarojs/taro';
import type { PlatformPay } from './types';

/** Inside WeChat: wx.requestPayment with the signed arguments the server returned. */
export const platformPay: PlatformPay = {
  channel: 'wechat_jsapi',
  returnUrl: () => undefined,
  async complete(started) {
    if (started.channel !== 'wechat_jsapi') throw new Error(`unexpected payment channel ${started.channel}`);
    const { timeStamp, nonceStr, package: pkg, signType, paySign } = started.requestPayment;
    try {
      await Taro.requestPayment({ timeStamp, nonceStr, package: pkg, signType, paySign });
      return 'done';
    } catch (e) {
      // The shopper closed the pay sheet: not an error, the checkout stays payable.
      if (String((e as { errMsg?: string })?.errMsg ?? '').includes('cancel')) return 'cancelled';
      throw e;
    }
  },
};
