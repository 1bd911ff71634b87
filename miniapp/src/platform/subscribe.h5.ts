import type { PlatformSubscribe } from './subscribe-types';

/** A browser (and Alipay, through subscribe.ts) has no WeChat subscribe messages: nothing to ask. */
export const platformSubscribe: PlatformSubscribe = {
  supported: false,
  request: async () => ({}),
};
