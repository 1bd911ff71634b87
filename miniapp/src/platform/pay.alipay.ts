import Taro from '@tarojs/taro';
import type { PlatformPay } from './pay-types';

/** The Alipay mini-program: `my.tradePay` with the merged trade's number. 9000 is paid, 6001 cancelled. */
export const platformPay: PlatformPay = {
  channel: 'alipay',
  returnUrl: () => undefined,
  async complete(started) {
    if (started.channel !== 'alipay') throw new Error(`unexpected channel ${started.channel}`);
    const res = (await Taro.tradePay({ tradeNO: started.preOrderNo })) as { resultCode?: string };
    if (res.resultCode === '6001') return 'cancelled';
    return 'paid';
  },
};
