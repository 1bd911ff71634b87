import Taro from '@tarojs/taro';
import type { PlatformPay } from './types';

/**
 * my.tradePay's resultCode: Alipay answers `{ resultCode: '9000' }`; Taro's typing nests it under
 * `response` (types/api/alipay), so both are read.
 */
const resultCodeOf = (r: unknown): string => {
  const top = (r as { resultCode?: unknown } | undefined)?.resultCode;
  const nested = (r as { response?: { resultCode?: unknown } } | undefined)?.response?.resultCode;
  return String(top ?? nested ?? '');
};

/**
 * The Alipay mini-program: Taro.tradePay (my.tradePay) with the merged trade's preOrderNo as tradeNO
 * (ADR 0047). 9000 paid, 8000/6004 still being processed (the result page polls and asks the server
 * to query Alipay), 6001 closed by the shopper (the checkout stays payable); anything else fails.
 */
export const platformPay: PlatformPay = {
  channel: 'alipay',
  returnUrl: () => undefined,
  async complete(started) {
    if (started.channel !== 'alipay') throw new Error(`unexpected payment channel ${started.channel}`);
    const code = resultCodeOf(await Taro.tradePay({ tradeNO: started.preOrderNo }));
    if (code === '6001') return 'cancelled';
    if (['9000', '8000', '6004'].includes(code)) return 'done';
    throw new Error(`tradePay ${code}`);
  },
};
