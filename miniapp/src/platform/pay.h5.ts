import type { PlatformPay } from './types';

/** The result page's address on this origin (H5 router in browser mode). */
const resultUrl = (checkoutId: string): string =>
  `${typeof window === 'undefined' ? '' : window.location.origin}/checkout/pages/result/index?id=${encodeURIComponent(checkoutId)}`;

/**
 * A browser outside WeChat: WeChat Pay's H5 flow. The cashier page comes back to `redirect_url`; the
 * server appends it from `returnUrl`, and where it did not (an older server) it is appended here.
 */
export const platformPay: PlatformPay = {
  channel: 'wechat_h5',
  returnUrl: resultUrl,
  async complete(started) {
    if (started.channel !== 'wechat_h5') throw new Error(`unexpected payment channel ${started.channel}`);
    const url = /[?&]redirect_url=/.test(started.h5Url)
      ? started.h5Url
      : `${started.h5Url}${started.h5Url.includes('?') ? '&' : '?'}redirect_url=${encodeURIComponent(resultUrl(started.checkoutId))}`;
    window.location.assign(url);
    return 'redirected';
  },
};
