import Taro from '@tarojs/taro';
import type { PlatformRewardedAd, RewardedAdResult } from './rewarded-ad-types';

/** The build's ad unit (TARO_APP_REWARDED_AD_UNIT in .env): without one there is no WeChat ad. */
const AD_UNIT = process.env.TARO_APP_REWARDED_AD_UNIT || '';

/**
 * WeChat's rewarded video ad (wx.createRewardedVideoAd). WeChat tells the app only `isEnded` when it
 * closes: the server cannot verify it, so these views earn a smaller, capped reward (ADR 0068).
 */
export const platformRewardedAd: PlatformRewardedAd = {
  adUnitId: /^adunit-[A-Za-z0-9]{1,40}$/.test(AD_UNIT) ? AD_UNIT : null,
  show() {
    return new Promise<RewardedAdResult>((resolve) => {
      if (!AD_UNIT || typeof Taro.createRewardedVideoAd !== 'function') return resolve('failed');
      const ad = Taro.createRewardedVideoAd({ adUnitId: AD_UNIT });
      const onClose = (res?: { isEnded?: boolean }) => {
        ad.offClose(onClose);
        resolve(res?.isEnded ? 'ended' : 'closed');
      };
      ad.onClose(onClose);
      ad.onError(() => resolve('failed'));
      ad.show().catch(() =>
        ad
          .load()
          .then(() => ad.show())
          .catch(() => resolve('failed')),
      );
    });
  },
};
