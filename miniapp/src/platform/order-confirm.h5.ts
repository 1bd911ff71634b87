import type { PlatformOrderConfirm } from './order-confirm-types';

/** H5 (and Alipay): no platform confirm page; the app confirms receipt itself. */
export const platformOrderConfirm: PlatformOrderConfirm = {
  async confirm() {
    return 'unavailable';
  },
};
