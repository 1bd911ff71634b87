import type { PlatformPay } from './types';

declare const my: { tradePay(o: { tradeNO: string; success(r: { resultCode: string }): void; fail(e: unknown): void }): void };

/** The Alipay mini-program: my.tradePay with the merged trade's preOrderNo. 9000 paid, 6001 closed by the shopper, 8000/6004 still being processed. */
export const platformPay: PlatformPay = {
  channel: 'alipay',
  returnUrl: () => undefined,
  complete(started) {
    if (started.channel !== 'alipay') return Promise.reject(new Error(`unexpected payment channel ${started.channel}`));
    return new Promise((resolve, reject) => {
      my.tradePay({
        tradeNO: started.preOrderNo,
        success: (r) =>
          r.resultCode === '6001'
            ? resolve('cancelled')
            : ['9000', '8000', '6004'].includes(r.resultCode)
              ? resolve('done')
              : reject(new Error(`tradePay ${r.resultCode}`)),
        fail: reject,
      });
    });
  },
};
