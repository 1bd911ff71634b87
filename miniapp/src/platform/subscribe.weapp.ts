import Taro from '@tarojs/taro';
import type { PlatformSubscribe, SubscribeAnswers } from './subscribe-types';

/** Inside WeChat: wx.requestSubscribeMessage (一次性订阅消息), from the shopper's tap. */
export const platformSubscribe: PlatformSubscribe = {
  supported: true,
  async request(templateIds) {
    try {
      // entityIds is Alipay's name for the list (typed as required); WeChat reads tmplIds
      const res = (await Taro.requestSubscribeMessage({ tmplIds: templateIds, entityIds: [] })) as unknown as Record<string, unknown>;
      const answers: SubscribeAnswers = {};
      for (const id of templateIds) if (typeof res[id] === 'string') answers[id] = res[id] as string;
      return answers;
    } catch {
      // the shopper closed the dialog, or turned subscribe messages off for the app: nothing accepted
      return {};
    }
  },
};
