/**
 * WeChat mini-program order shipping management (小程序发货信息管理服务), api.weixin.qq.com/wxa/sec/order/*:
 * upload_shipping_info, upload_combined_shipping_info, notify_confirm_receive and get_order.
 * WeChat holds a paid order's money until it has the shipping information; in this simulator the
 * sub-merchant's frozen funds become releasable only after the upload and the receipt.
 */
import { z } from 'zod';
import type { SimContext } from './context';
import { type Route, type SimReply, type SimRequest, json, parseBody } from './http';
import type { ShippingRecord } from './state';
import { rfc3339Beijing } from './util';
import { checkAccessToken, wxError } from './wechat-api';
import { markFunds } from './wechatpay-ecommerce-api';

/** errcodes of the shipping API (as documented by WeChat). */
const ERR = {
  ORDER_NOT_FOUND: 10060001,
  ALREADY_DELIVERED: 10060003,
  NOT_SHIPPABLE: 10060004,
  BAD_EXPRESS: 10060012,
  CONTACT_REQUIRED: 10060019,
  NOT_SHIPPED: 10060023,
  BAD_PARAM: 47001,
} as const;

/** Carrier codes WeChat accepts (a subset of its delivery list; the full list is get_delivery_list). */
export const WECHAT_EXPRESS_COMPANIES = new Set(['SF', 'YTO', 'ZTO', 'STO', 'YD', 'JTSD', 'JD', 'EMS', 'YZPY', 'DBL', 'HTKY', 'ZJS']);
/** Carriers whose waybills WeChat only accepts with a masked contact (SF: 顺丰). */
const CONTACT_REQUIRED = new Set(['SF']);
const MASKED = /^\+?[0-9]{0,6}\*{4}[0-9]{4}$/;

const OrderKey = z
  .object({
    order_number_type: z.union([z.literal(1), z.literal(2)]),
    transaction_id: z.string().optional(),
    mchid: z.string().optional(),
    out_trade_no: z.string().optional(),
  })
  .strict();

const Shipping = z
  .object({
    tracking_no: z.string().min(1).max(128).optional(),
    express_company: z.string().min(1).optional(),
    item_desc: z.string().min(1).max(120),
    contact: z.object({ consignor_contact: z.string().optional(), receiver_contact: z.string().optional() }).strict().optional(),
  })
  .strict();

const Delivery = z.object({
  logistics_type: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  delivery_mode: z.union([z.literal(1), z.literal(2)]),
  is_all_delivered: z.boolean().optional(),
  shipping_list: z.array(Shipping).min(1).max(10),
});

const UploadBody = Delivery.extend({
  order_key: OrderKey,
  upload_time: z.string().min(1),
  payer: z.object({ openid: z.string().min(1) }).strict(),
}).strict();

const CombinedBody = z
  .object({
    order_key: OrderKey,
    sub_orders: z
      .array(Delivery.extend({ order_key: OrderKey }).strict())
      .min(1)
      .max(50),
    upload_time: z.string().min(1),
    payer: z.object({ openid: z.string().min(1) }).strict(),
  })
  .strict();

const ConfirmBody = z
  .object({
    transaction_id: z.string().optional(),
    merchant_id: z.string().optional(),
    sub_merchant_id: z.string().optional(),
    merchant_trade_no: z.string().optional(),
    received_time: z.number().int().positive(),
  })
  .strict();

type Delivery = z.infer<typeof Delivery>;

interface PaidOrder {
  transactionId: string;
  mchid: string;
  outTradeNo: string;
  openid?: string;
}

export function wechatShippingRoutes(ctx: SimContext): Route[] {
  const wp = ctx.state.wechatpay;
  const records = ctx.state.wechat.shipping;

  /** Every paid order WeChat Pay knows: combine sub-orders and plain JSAPI orders. */
  const findPaid = (key: z.infer<typeof OrderKey>): PaidOrder | undefined => {
    const all: PaidOrder[] = [];
    for (const order of wp.combine.values()) {
      for (const sub of order.subOrders) {
        if (sub.transactionId) all.push({ transactionId: sub.transactionId, mchid: sub.mchid, outTradeNo: sub.outTradeNo, openid: order.openid });
      }
    }
    for (const order of wp.orders.values()) {
      if (order.transactionId) all.push({ transactionId: order.transactionId, mchid: order.mchid, outTradeNo: order.outTradeNo, openid: order.openid });
    }
    return key.order_number_type === 2
      ? all.find((o) => o.transactionId === key.transaction_id)
      : all.find((o) => o.mchid === key.mchid && o.outTradeNo === key.out_trade_no);
  };

  const checkShippingList = (delivery: Delivery): SimReply | undefined => {
    if (delivery.delivery_mode === 2 && delivery.is_all_delivered === undefined)
      return wxError(ERR.BAD_PARAM, 'is_all_delivered is required for split delivery');
    if (delivery.delivery_mode === 1 && delivery.shipping_list.length !== 1) return wxError(ERR.BAD_PARAM, 'unified delivery takes exactly one shipping item');
    for (const item of delivery.shipping_list) {
      if (delivery.logistics_type !== 1) continue;
      if (!item.tracking_no || !item.express_company) return wxError(ERR.BAD_PARAM, 'tracking_no and express_company are required for express delivery');
      if (!WECHAT_EXPRESS_COMPANIES.has(item.express_company)) return wxError(ERR.BAD_EXPRESS, `express_company ${item.express_company} invalid`);
      if (CONTACT_REQUIRED.has(item.express_company)) {
        const contact = item.contact?.receiver_contact ?? item.contact?.consignor_contact;
        if (!contact) return wxError(ERR.CONTACT_REQUIRED, 'contact is required for SF');
        if (!MASKED.test(contact)) return wxError(ERR.BAD_PARAM, 'contact must be masked, e.g. 189****1234');
      }
    }
    return undefined;
  };

  /** Applies one order's upload; an error reply, or undefined when accepted. */
  const apply = (key: z.infer<typeof OrderKey>, delivery: Delivery, openid: string): SimReply | undefined => {
    const paid = findPaid(key);
    if (!paid) return wxError(ERR.ORDER_NOT_FOUND, '支付单不存在');
    if (paid.openid !== undefined && paid.openid !== openid) return wxError(ERR.BAD_PARAM, 'payer openid does not match the order');
    const invalid = checkShippingList(delivery);
    if (invalid) return invalid;
    const existing = records.get(paid.transactionId);
    const { logistics_type, delivery_mode, is_all_delivered, shipping_list } = delivery;
    const fingerprint = JSON.stringify({ logistics_type, delivery_mode, is_all_delivered, shipping_list });
    if (existing && existing.uploads.includes(fingerprint)) return undefined; // a retry of an accepted upload
    if (existing && existing.orderState >= 2) return wxError(ERR.ALREADY_DELIVERED, '支付单已完成发货，无法继续发货');
    if (existing && existing.deliveryMode === 1) return wxError(ERR.ALREADY_DELIVERED, '支付单已完成发货，无法继续发货');
    const record: ShippingRecord = existing ?? {
      transactionId: paid.transactionId,
      outTradeNo: paid.outTradeNo,
      logisticsType: delivery.logistics_type,
      deliveryMode: delivery.delivery_mode,
      shippingList: [],
      uploads: [],
      orderState: 1,
      uploadedAt: [],
    };
    record.shippingList.push(...delivery.shipping_list);
    record.uploads.push(fingerprint);
    record.uploadedAt.push(rfc3339Beijing());
    const complete = delivery.delivery_mode === 1 || delivery.is_all_delivered === true;
    if (complete) {
      record.orderState = 2;
      markFunds(ctx, paid.transactionId, 'shipped');
    }
    records.set(paid.transactionId, record);
    return undefined;
  };

  const upload = (req: SimRequest): SimReply => {
    const body = parseBody(UploadBody, req.text);
    if (!body) return wxError(ERR.BAD_PARAM, 'invalid args');
    return apply(body.order_key, body, body.payer.openid) ?? json(200, { errcode: 0, errmsg: 'ok' });
  };

  const uploadCombined = (req: SimRequest): SimReply => {
    const body = parseBody(CombinedBody, req.text);
    if (!body) return wxError(ERR.BAD_PARAM, 'invalid args');
    const combine = wp.combine.get(body.order_key.out_trade_no ?? '');
    if (!combine || body.order_key.order_number_type !== 1 || combine.combineMchid !== body.order_key.mchid)
      return wxError(ERR.ORDER_NOT_FOUND, '合单支付单不存在');
    for (const sub of body.sub_orders) {
      const paid = findPaid(sub.order_key);
      if (!paid || !combine.subOrders.some((s) => s.transactionId === paid.transactionId)) return wxError(ERR.ORDER_NOT_FOUND, '子单不属于该合单');
    }
    for (const sub of body.sub_orders) {
      const failed = apply(sub.order_key, sub, body.payer.openid);
      if (failed) return failed;
    }
    return json(200, { errcode: 0, errmsg: 'ok' });
  };

  const confirm = (req: SimRequest): SimReply => {
    const body = parseBody(ConfirmBody, req.text);
    if (!body) return wxError(ERR.BAD_PARAM, 'invalid args');
    const paid = body.transaction_id
      ? findPaid({ order_number_type: 2, transaction_id: body.transaction_id })
      : findPaid({ order_number_type: 1, mchid: body.merchant_id, out_trade_no: body.merchant_trade_no });
    if (!paid) return wxError(ERR.ORDER_NOT_FOUND, '支付单不存在');
    return receive(paid.transactionId, body.received_time) ?? json(200, { errcode: 0, errmsg: 'ok' });
  };

  const receive = (transactionId: string, receivedTime: number): SimReply | undefined => {
    const record = records.get(transactionId);
    if (!record || record.orderState < 2) return wxError(ERR.NOT_SHIPPED, '订单未发货，无法确认收货');
    if (record.orderState < 3) {
      record.orderState = 3;
      record.receivedTime = receivedTime;
    }
    markFunds(ctx, transactionId, 'received');
    return undefined;
  };

  const getOrder = (req: SimRequest): SimReply => {
    const body = parseBody(z.object({ transaction_id: z.string() }).loose(), req.text);
    const record = records.get(body?.transaction_id ?? '');
    const paid = body && findPaid({ order_number_type: 2, transaction_id: body.transaction_id });
    if (!paid) return wxError(ERR.ORDER_NOT_FOUND, '支付单不存在');
    return json(200, {
      errcode: 0,
      errmsg: 'ok',
      order: {
        transaction_id: paid.transactionId,
        merchant_trade_no: paid.outTradeNo,
        order_state: record?.orderState ?? 1,
        shipping: record ? { logistics_type: record.logisticsType, delivery_mode: record.deliveryMode, shipping_list: record.shippingList } : undefined,
      },
    });
  };

  /** Stands in for the shopper confirming in WeChat (wx.openBusinessView weappOrderConfirm). */
  const devConfirm = (req: SimRequest): SimReply => {
    const body = parseBody(z.object({ transaction_id: z.string() }).strict(), req.text || '{}');
    if (!body) return json(400, { error: 'body must be {transaction_id}' });
    return receive(body.transaction_id, Math.floor(Date.now() / 1000)) ?? json(200, { ok: true, funds: wp.funds.get(body.transaction_id) });
  };

  const list = (): SimReply => json(200, { orders: [...records.values()], funds: [...wp.funds.values()] });

  const withToken =
    (handler: (req: SimRequest) => SimReply) =>
    (req: SimRequest): SimReply =>
      checkAccessToken(ctx, req) ?? handler(req);

  return [
    { method: 'POST', path: '/wxa/sec/order/upload_shipping_info', handler: withToken(upload) },
    { method: 'POST', path: '/wxa/sec/order/upload_combined_shipping_info', handler: withToken(uploadCombined) },
    { method: 'POST', path: '/wxa/sec/order/notify_confirm_receive', handler: withToken(confirm) },
    { method: 'POST', path: '/wxa/sec/order/get_order', handler: withToken(getOrder) },
    { method: 'POST', path: '/_sim/wechat/shipping/confirm', handler: devConfirm },
    { method: 'GET', path: '/_sim/wechat/shipping', handler: list },
  ];
}
