import Taro from '@tarojs/taro';
import type { PlatformPay } from './pay-types';

/** The WeChat mini-program: `wx.requestPayment` with the arguments the server signed (RSA). */
export const platformPay: PlatformPay = {
  channel: 'wechat_jsapi',
  returnUrl: () => undefined,
  async complete(started) {
    if (started.channel !== 'wechat_jsapi') throw new Error(`unexpected channel ${started.channel}`);
    const p = started.requestPayment;
    try {
      await Taro.requestPayment({ timeStamp: p.timeStamp, nonceStr: p.nonceStr, package: p.package, signType: p.signType, paySign: p.paySign });
      return 'paid';
    } catch (e) {
      // The shopper closed the payment sheet: the order stays unpaid until its pay-by time.
      if (String((e as { errMsg?: string })?.errMsg ?? '').includes('cancel')) return 'cancelled';
      throw e;
    }
  },
};
