/**
 * Low-stock notices: a posting that takes a SKU from >= its threshold to < it notifies the merchant:
 * an inbox message (AP26) and, to the owner, an SMS and a WeChat subscribe message (when the owner
 * signs in with WeChat). Runs from the table stream (see notify-low-stock.ts) so the stock write stays
 * fast and a failed delivery is retried; once per posting, however often the event is delivered.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { localize } from '@wxshop/shared/i18n/languages';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { envOr } from '../lib/config';
import { sendSms } from '../lib/adapters/sms';
import { WechatApiError, sendSubscribeMessage } from '../lib/adapters/wechat';
import { logger } from '../lib/logger';
import { getAccount } from '../identity/accounts';
import { markDelivery, postOnce, type LowStockMessageItem } from '../notifications/inbox';
import { ProductItem, SkuItem, type StockPostingItem } from './items';
import { readMerchant } from './repo';
import { crossedLowStock } from './rules';

const smsTemplate = (): string => envOr('SMS_TEMPLATE_LOW_STOCK', 'LOW_STOCK');
const wechatTemplate = (): string => envOr('WECHAT_TEMPLATE_LOW_STOCK', 'LOW_STOCK');

/** WeChat `thing` values are at most 20 characters. */
const thing = (s: string): string => (s.length > 20 ? `${s.slice(0, 19)}…` : s);

/**
 * Notifies the merchant of one posting when it crossed the SKU's low-stock threshold.
 * @returns whether the posting crossed it (and the notice is now complete)
 * @throws when a channel failed in a way worth retrying (the stream redelivers; nothing is sent twice
 *         once recorded as sent)
 */
export async function notifyLowStock(posting: StockPostingItem): Promise<boolean> {
  if (!crossedLowStock(posting.balance - posting.delta, posting.balance, posting.lowStockThreshold)) return false;
  const [productOut, skuOut] = await Promise.all([
    db().send(new GetCommand({ TableName: tableName(), Key: keys.product(posting.productId) })),
    db().send(new GetCommand({ TableName: tableName(), Key: keys.productSku(posting.productId, posting.skuId) })),
  ]);
  const title = productOut.Item ? ProductItem.parse(productOut.Item).title : { 'zh-CN': posting.productId };
  const code = skuOut.Item ? SkuItem.parse(skuOut.Item).code : posting.skuId;
  const stock = String(posting.balance);
  const merchant = await readMerchant(posting.merchantId);
  const notice: LowStockMessageItem = {
    entity: 'MerchantInboxMessage',
    id: posting.id,
    merchantId: posting.merchantId,
    kind: 'low_stock',
    status: merchant.status,
    reason: null,
    title: { 'zh-CN': '库存不足', en: 'Low stock', es: 'Poco stock', fr: 'Stock faible', de: 'Niedriger Bestand' },
    body: {
      'zh-CN': `${localize(title, 'zh-CN')}（${code}）库存仅剩 ${stock} 件，低于预警值 ${posting.lowStockThreshold}。`,
      en: `${localize(title, 'en')} (${code}): ${stock} left, below the alert level of ${posting.lowStockThreshold}.`,
    },
    data: { productId: posting.productId, skuId: posting.skuId, skuCode: code, stock, threshold: String(posting.lowStockThreshold), postingId: posting.id },
    sms: 'pending',
    wechat: 'pending',
    createdAt: posting.createdAt,
  };
  const { message } = await postOnce(notice);
  if (message.sms !== 'pending' && message.wechat !== 'pending') return true;

  const owner = await getAccount(merchant.ownerId);
  const phone = owner.identities.find((i) => i.provider === 'phone')?.subject;
  // NOTE: the WeChat identity's subject is the openid, or the unionid when the app is bound to an open
  // platform account; subscribe messages need the openid (store it at sign-in when unionids are enabled).
  const openid = owner.identities.find((i) => i.provider === 'wechat')?.subject;

  if (message.sms === 'pending') {
    if (!phone) await markDelivery(posting.merchantId, posting.id, 'sms', 'none');
    else {
      await sendSms({ phone, templateId: smsTemplate(), params: [thing(localize(title, 'zh-CN')), code, stock] });
      await markDelivery(posting.merchantId, posting.id, 'sms', 'sent');
    }
  }
  if (message.wechat === 'pending') {
    if (!openid) await markDelivery(posting.merchantId, posting.id, 'wechat', 'none');
    else {
      try {
        await sendSubscribeMessage({
          touser: openid,
          templateId: wechatTemplate(),
          page: `merchant/pages/product/index?merchantId=${posting.merchantId}&productId=${posting.productId}`,
          data: { thing1: thing(localize(title, 'zh-CN')), character_string2: code.slice(0, 32), number3: stock },
        });
        await markDelivery(posting.merchantId, posting.id, 'wechat', 'sent');
      } catch (err) {
        // an API refusal (e.g. 43101: the owner did not subscribe) will not change on retry
        if (!(err instanceof WechatApiError)) throw err;
        logger.warn('low-stock subscribe message refused', { errcode: err.errcode, merchantId: posting.merchantId });
        await markDelivery(posting.merchantId, posting.id, 'wechat', 'failed');
      }
    }
  }
  return true;
}
