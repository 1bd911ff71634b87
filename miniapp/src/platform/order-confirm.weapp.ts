import Taro from '@tarojs/taro';
import type { PlatformOrderConfirm } from './order-confirm-types';

/**
 * WeChat: orders under WeChat's order shipping management are confirmed on WeChat's own page
 * (`wx.openBusinessView`, businessType `weappOrderConfirm`); the confirmation reaches the server
 * from WeChat. Where the API is missing (old clients) or WeChat refuses the order (not managed
 * there), the app confirms itself.
 */
export const platformOrderConfirm: PlatformOrderConfirm = {
  async confirm(target) {
    if (!Taro.canIUse('openBusinessView')) return 'unavailable';
    try {
      // Taro types only the WeChat Pay score business views; weappOrderConfirm takes the sub-order's numbers.
      const extraData = { merchant_id: target.subMchid, merchant_trade_no: target.outTradeNo };
      await Taro.openBusinessView({ businessType: 'weappOrderConfirm', extraData } as unknown as Taro.openBusinessView.Option);
      return 'opened';
    } catch (e) {
      // Backing out of WeChat's page is not a reason to confirm in the app.
      if (String((e as { errMsg?: string })?.errMsg ?? '').includes('cancel')) return 'opened';
      return 'unavailable';
    }
  },
};
