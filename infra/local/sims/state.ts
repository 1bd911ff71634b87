/** In-memory state of the simulated outside services (our own data lives in DynamoDB, never here). */

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

export interface DeliveryAttempt {
  channel: 'wechatpay' | 'alipay';
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
  };
  wechatpay: {
    orders: Map<string, WechatPayOrder>;
    /** prepay_id -> out_trade_no */
    prepay: Map<string, string>;
    refunds: Map<string, WechatPayRefund>;
  };
  alipay: {
    /** auth_code -> user */
    codes: Map<string, LoginCode>;
    trades: Map<string, AlipayTrade>;
    /** out_trade_no -> trade_no */
    byOutTradeNo: Map<string, string>;
    /** `${trade_no}|${out_request_no}` -> refund */
    refunds: Map<string, AlipayRefund>;
  };
  sms: { messages: SmsRecord[] };
  notifications: DeliveryAttempt[];
}

export function createState(): SimState {
  return {
    wechat: { codes: new Map(), tokens: new Map(), tokensIssued: 0, messages: [] },
    wechatpay: { orders: new Map(), prepay: new Map(), refunds: new Map() },
    alipay: { codes: new Map(), trades: new Map(), byOutTradeNo: new Map(), refunds: new Map() },
    sms: { messages: [] },
    notifications: [],
  };
}
