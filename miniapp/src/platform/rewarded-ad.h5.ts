import type { PlatformRewardedAd } from './rewarded-ad-types';

/** A browser (and Alipay, through rewarded-ad.ts) has no WeChat rewarded ad: house videos only. */
export const platformRewardedAd: PlatformRewardedAd = {
  adUnitId: null,
  show: async () => 'failed',
};
