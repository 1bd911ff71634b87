export type RewardedAdResult = 'ended' | 'closed' | 'failed';

export interface PlatformRewardedAd {
  /** WeChat's rewarded video ad unit id when this build has one (weapp only), else null. */
  adUnitId: string | null;
  /** Shows the ad; resolves when the shopper closes it: 'ended' only when it played to its end. */
  show(): Promise<RewardedAdResult>;
}
