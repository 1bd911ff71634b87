import type { PlatformPay } from './pay-types';

/**
 * H5: WeChat Pay's H5 (combine) flow. The cashier page takes the shopper away and sends them back to
 * `returnUrl` (the pay result page), so nothing resolves here after the redirect.
 */
export const platformPay: PlatformPay = {
  channel: 'wechat_h5',
  returnUrl: (path) => (typeof window === 'undefined' ? undefined : `${window.location.origin}${path}`),
  async complete(started) {
    if (started.channel !== 'wechat_h5') throw new Error(`unexpected channel ${started.channel}`);
    window.location.href = started.h5Url;
    return 'redirected';
  },
};
