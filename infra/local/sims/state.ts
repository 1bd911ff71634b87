/** In-memory state of the simulated outside services (our own data lives in DynamoDB, never here). */
import type { NotificationJob } from './notifier';

export interface LoginCode {
  openid: string;
  expiresAt: number;
  used: boolean;
}

export interface SubscribeMessageRecord {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState?: string;
  sentAt: string;
}

export type WechatPayTradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND' | 'PAYERROR';

export interface WechatPayOrder {
  appid: string;
  mchid: string;
  outTradeNo: string;
  description: string;
  notifyUrl: string;
  total: number;
  currency: string;
  openid: string;
  prepayId: string;
  tradeState: WechatPayTradeState;
  transactionId?: string;
  successTime?: string;
  refundedFen: number;
}

export interface WechatPayRefund {
  refundId: string;
  outRefundNo: string;
  outTradeNo: string;
  transactionId: string;
  refund: number;
  total: number;
  currency: string;
  status: 'PROCESSING' | 'SUCCESS';
  createTime: string;
  successTime?: string;
  notifyUrl: string;
  /** E-commerce refunds (电商收付通): the sub-merchant whose balance pays it back. */
  subMchid?: string;
}

/** One sub-order of a combine (电商收付通) order: one sub-merchant's part of one checkout. */
export interface CombineSubOrder {
  mchid: string;
  subMchid: string;
  outTradeNo: string;
  description: string;
  attach: string;
  total: number;
  currency: string;
  profitSharing: boolean;
  tradeState: WechatPayTradeState;
  transactionId?: string;
  successTime?: string;
  /** Fen refunded so far (e-commerce refunds). */
  refunded?: number;
}

export interface CombineOrder {
  combineAppid: string;
  combineMchid: string;
  combineOutTradeNo: string;
  tradeType: 'JSAPI' | 'MWEB';
  openid?: string;
  payerClientIp?: string;
  notifyUrl: string;
  /** ms epoch; paying after it fails. */
  expiresAt?: number;
  prepayId: string;
  subOrders: CombineSubOrder[];
  /** The request body that created it, to tell a repeat from a conflicting reuse of the number. */
  fingerprint: string;
}

/**
 * A posting on a sub-merchant's account: paid money is frozen; it becomes releasable after shipping +
 * receipt (no balance change); profit sharing, unfreezing and refunds add kinds later.
 */
export interface SubMerchantPosting {
  at: string;
  kind: 'PAYMENT_FROZEN' | 'RELEASABLE' | 'REFUND' | 'PROFIT_SHARING' | 'PROFIT_SHARING_RETURN' | 'UNFREEZE' | 'WITHDRAW' | 'WITHDRAW_RETURN';
  transactionId: string;
  outTradeNo: string;
  amount: number;
}

/** Per-paid-sub-order fund state, keyed by transaction_id (shipping upload and receipt release it). */
export interface SubOrderFunds {
  subMchid: string;
  transactionId: string;
  outTradeNo: string;
  amount: number;
  shippingUploaded: boolean;
  receiptConfirmed: boolean;
  /** Shipping uploaded and receipt confirmed: profit sharing / unfreezing may proceed. */
  releasable: boolean;
  /** What of this sub-order is still frozen (paid - refunded from frozen - shared - unfrozen). */
  frozenLeft: number;
  /** Shared to receivers so far, less what they returned. */
  shared: number;
  /** finish-order done: nothing more can be shared. */
  finished: boolean;
}

/** A profit-sharing order (分账单), by out_order_no. */
export interface ProfitSharingOrder {
  subMchid: string;
  transactionId: string;
  outOrderNo: string;
  orderId: string;
  kind: 'share' | 'finish';
  status: 'PROCESSING' | 'FINISHED';
  receivers: { type: string; receiver_account: string; amount: number; description: string; result: 'PENDING' | 'SUCCESS' | 'CLOSED' }[];
  fingerprint: string;
}

/** A profit-sharing return (分账回退), by out_return_no. */
export interface ProfitSharingReturn {
  subMchid: string;
  outOrderNo: string;
  orderId: string;
  outReturnNo: string;
  returnNo: string;
  returnMchid: string;
  amount: number;
  result: 'PROCESSING' | 'SUCCESS' | 'FAILED';
  finishTime: string;
}

/** A sub-merchant withdrawal (提现), by out_request_no. */
export interface Withdrawal {
  subMchid: string;
  outRequestNo: string;
  withdrawId: string;
  amount: number;
  status: 'CREATE_SUCCESS' | 'SUCCESS' | 'FAIL';
  reason: string;
  createTime: string;
  updateTime: string;
}

export interface SubMerchant {
  subMchid: string;
  name: string;
  /** Frozen (pending) and available balances in fen; derived from the postings in the same step. */
  frozen: number;
  available: number;
  postings: SubMerchantPosting[];
}

export type ApplymentState = 'CHECKING' | 'ACCOUNT_NEED_VERIFY' | 'AUDITING' | 'REJECTED' | 'NEED_SIGN' | 'FINISH' | 'FROZEN' | 'CANCELED';

export interface Applyment {
  applymentId: number;
  outRequestNo: string;
  organizationType: string;
  merchantShortname: string;
  state: ApplymentState;
  rejectReasons: { param_name: string; reject_reason: string }[];
  subMchid?: string;
  createdAt: string;
}

/** What WeChat's order shipping management holds for one paid order (by transaction_id). */
export interface ShippingRecord {
  transactionId: string;
  outTradeNo: string;
  logisticsType: number;
  deliveryMode: number;
  shippingList: { tracking_no?: string; express_company?: string; item_desc: string; contact?: { consignor_contact?: string; receiver_contact?: string } }[];
  /** Accepted uploads (their JSON), so a retried identical upload is accepted again. */
  uploads: string[];
  uploadedAt: string[];
  /** 1 待发货, 2 已发货, 3 确认收货 (WeChat's order_state). */
  orderState: 1 | 2 | 3;
  receivedTime?: number;
}

export type AlipayTradeStatus = 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_CLOSED' | 'TRADE_FINISHED';

export interface AlipayTrade {
  tradeNo: string;
  outTradeNo: string;
  totalFen: number;
  subject: string;
  buyerId: string;
  notifyUrl?: string;
  status: AlipayTradeStatus;
  createdAt: number;
  paidAt?: number;
  refundedFen: number;
  /** 直付通: the store's Alipay sub-merchant (smid) the money settles to. */
  subMerchantId?: string;
  /** Fen already settled to the sub-merchant by alipay.trade.settle.confirm. */
  settledFen: number;
  /** Set when created by alipay.trade.merge.precreate. */
  preOrderNo?: string;
}

/** An Alipay 直付通 sub-merchant: paid money waits (pending) until the platform confirms settlement. */
export interface AlipaySubMerchant {
  smid: string;
  name: string;
  pendingFen: number;
  settledFen: number;
  postings: { at: string; kind: 'PAID' | 'SETTLED' | 'REFUND'; tradeNo: string; amountFen: number }[];
}

export interface AlipayRefund {
  tradeNo: string;
  outRequestNo: string;
  refundFen: number;
  at: number;
}

export interface SmsRecord {
  serialNo: string;
  phone: string;
  templateId: string;
  params: string[];
  signName: string;
  content: string;
  sentAt: string;
}

/** One scripted tracking event (Kuaidi100 state codes: 0 在途 1 揽收 2 疑难 3 签收 4 退签 5 派件 6 退回 14 拒签). */
export interface TrackingEvent {
  state: string;
  context: string;
  areaName?: string;
}

export interface TrackingSubscription {
  company: string;
  number: string;
  callbackUrl: string;
  salt?: string;
  phone?: string;
  /** The events still to come, in order; `push` delivers the next one. */
  script: TrackingEvent[];
  /** Events delivered so far, with their time (Beijing `yyyy-MM-dd HH:mm:ss`). */
  delivered: (TrackingEvent & { time: string })[];
}

/** One media_check_async request and the verdict the simulator pushed for it. */
export interface MediaCheckRecord {
  traceId: string;
  mediaUrl: string;
  mediaType: number;
  version: 1 | 2;
  openid?: string;
  requestedAt: string;
  verdict?: { suggest: 'pass' | 'review' | 'risky'; label: number };
}

export interface DeliveryAttempt {
  channel: 'wechatpay' | 'alipay' | 'kuaidi100' | 'wechat';
  /** Id of the notification; every retry of one notification shares it. */
  notificationId: string;
  event: string;
  url: string;
  attempt: number;
  /** HTTP status, or null when the callback could not be reached. */
  status: number | null;
  accepted: boolean;
  error?: string;
  at: string;
}

export interface SimState {
  wechat: {
    codes: Map<string, LoginCode>;
    /** access_token -> expiry (ms epoch). */
    tokens: Map<string, number>;
    stableToken?: { token: string; expiresAt: number };
    tokensIssued: number;
    messages: SubscribeMessageRecord[];
    /** transaction_id -> shipping record */
    shipping: Map<string, ShippingRecord>;
    /** media_check_async requests, oldest first, with the verdict pushed. */
    mediaChecks: MediaCheckRecord[];
    /** getwxacodeunlimit codes made, oldest first (a share's code is made once: tests count them). */
    wxacodes: { scene: string; page: string }[];
    /** Where the message push goes (the mini-program console's 消息推送 URL); none: verdicts are not pushed. */
    messagePushUrl?: string;
  };
  wechatpay: {
    orders: Map<string, WechatPayOrder>;
    /** prepay_id -> out_trade_no */
    prepay: Map<string, string>;
    refunds: Map<string, WechatPayRefund>;
    /** combine_out_trade_no -> order */
    combine: Map<string, CombineOrder>;
    /** prepay_id -> combine_out_trade_no */
    combinePrepay: Map<string, string>;
    subMerchants: Map<string, SubMerchant>;
    /** transaction_id -> fund state of one paid sub-order */
    funds: Map<string, SubOrderFunds>;
    /** out_request_no -> applyment */
    applyments: Map<string, Applyment>;
    /** out_order_no -> profit-sharing order (shares and finishes) */
    profitSharing: Map<string, ProfitSharingOrder>;
    /** out_return_no -> profit-sharing return */
    profitSharingReturns: Map<string, ProfitSharingReturn>;
    /** out_request_no -> withdrawal */
    withdrawals: Map<string, Withdrawal>;
    /** What the platform received by profit sharing, less returns (fen). */
    platformShared: number;
    /** Test hook: the next withdrawals fail (bank account problem) instead of succeeding. */
    withdrawalsFail: boolean;
    /** Test hook: how the next notifications go out. */
    notifyControl: { copies: number; delayMs: number; hold: boolean; held: NotificationJob[] };
    /** notification id -> the job, to resend it. */
    sentNotifications: Map<string, NotificationJob>;
  };
  alipay: {
    /** auth_code -> user */
    codes: Map<string, LoginCode>;
    trades: Map<string, AlipayTrade>;
    /** out_trade_no -> trade_no */
    byOutTradeNo: Map<string, string>;
    /** `${trade_no}|${out_request_no}` -> refund */
    refunds: Map<string, AlipayRefund>;
    subMerchants: Map<string, AlipaySubMerchant>;
    /** pre_order_no -> trade_nos of one merged (multi-store) payment */
    merges: Map<string, { outMergeNo: string; tradeNos: string[] }>;
    /** `${trade_no}|${out_request_no}` -> settled fen */
    settlements: Map<string, number>;
  };
  sms: { messages: SmsRecord[] };
  /** `${company}|${number}` -> subscription */
  kuaidi100: { subscriptions: Map<string, TrackingSubscription> };
  notifications: DeliveryAttempt[];
}

export function createState(): SimState {
  return {
    wechat: { codes: new Map(), tokens: new Map(), tokensIssued: 0, messages: [], shipping: new Map(), mediaChecks: [], wxacodes: [] },
    wechatpay: {
      orders: new Map(),
      prepay: new Map(),
      refunds: new Map(),
      combine: new Map(),
      combinePrepay: new Map(),
      subMerchants: new Map(),
      funds: new Map(),
      applyments: new Map(),
      profitSharing: new Map(),
      profitSharingReturns: new Map(),
      withdrawals: new Map(),
      platformShared: 0,
      withdrawalsFail: false,
      notifyControl: { copies: 1, delayMs: 0, hold: false, held: [] },
      sentNotifications: new Map(),
    },
    alipay: {
      codes: new Map(),
      trades: new Map(),
      byOutTradeNo: new Map(),
      refunds: new Map(),
      subMerchants: new Map(),
      merges: new Map(),
      settlements: new Map(),
    },
    sms: { messages: [] },
    kuaidi100: { subscriptions: new Map() },
    notifications: [],
  };
}
