// Fallback for targets without their own file (Alipay, and for tsc): behaves like H5 (no WeChat rewarded ad).
export { platformRewardedAd } from './rewarded-ad.h5';
