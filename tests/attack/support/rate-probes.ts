import { ulid } from 'ulid';
import { randomEmail, randomPhone, type RequestSpec } from './http';

/** Who sends a route's probes: nobody (per-IP limits) or a fresh account of a kind (per-user limits). */
export type ProbeCaller = 'anonymous' | 'shopper' | 'owner' | 'admin';

export interface RateProbe {
  as: ProbeCaller;
  /**
   * The i-th request: well-formed (so it reaches the limiter, which runs after validation and
   * authentication) and cheap; it may be refused later by the handler, it is counted all the same.
   */
  request(i: number, merchantId: string): RequestSpec;
}

const ticket = { contentType: 'image/png', size: 100 };
const applicationBody = () => ({
  businessType: 'individual',
  storeName: `限流测试 ${ulid().slice(-8)}`,
  licenceNumber: 'RATE-000001',
  contactName: '测试',
  contactPhone: randomPhone(),
  categoryId: ulid(),
  documentKeys: [`applications/${ulid()}/${ulid()}.png`],
});

/** One probe per rate-limited route; a route that declares a limit without a probe fails the suite. */
export const RATE_PROBES: Record<string, RateProbe> = {
  'login-wechat': { as: 'anonymous', request: (i) => ({ method: 'POST', path: '/auth/wechat', body: { code: `probe-${i}` } }) },
  'login-alipay': { as: 'anonymous', request: (i) => ({ method: 'POST', path: '/auth/alipay', body: { authCode: `probe-${i}` } }) },
  'send-sms-code': { as: 'anonymous', request: () => ({ method: 'POST', path: '/auth/sms/send', body: { phone: randomPhone(), purpose: 'login' } }) },
  'login-sms': { as: 'anonymous', request: () => ({ method: 'POST', path: '/auth/sms/login', body: { phone: randomPhone(), code: '000000' } }) },
  'register-email': {
    as: 'anonymous',
    request: () => ({ method: 'POST', path: '/auth/email/register', body: { email: randomEmail('rate'), password: 'rate-probe-password' } }),
  },
  'login-email': {
    as: 'anonymous',
    request: () => ({ method: 'POST', path: '/auth/email/login', body: { email: randomEmail('nobody'), password: 'wrong-password' } }),
  },
  'refresh-token': { as: 'anonymous', request: () => ({ method: 'POST', path: '/auth/refresh', body: { refreshToken: `${ulid()}.${'x'.repeat(43)}` } }) },
  // a day long past: queued again and again (the limiter counts before the handler)
  'run-bill-reconciliation': { as: 'admin', request: () => ({ method: 'POST', path: '/admin/reconciliation/bills/2026-01-16/run', body: {} }) },
  // the merchants' money: an empty store's withdrawal (422 after the limiter); a rate of a category that does not exist
  'create-withdrawal': {
    as: 'owner',
    request: (_, m) => ({
      method: 'POST',
      path: `/merchants/${m}/withdrawals`,
      headers: { 'Idempotency-Key': `probe-${ulid()}` },
      body: { amount: { amount: 1, currency: 'CNY' } },
    }),
  },
  'set-fee-rate': { as: 'admin', request: () => ({ method: 'POST', path: '/admin/fee-rates', body: { scope: 'category', categoryId: ulid(), bps: 300 } }) },
  // share to earn: a shopper applying (refused while distribution is off, counted all the same), binding to a scene nobody shares
  'apply-distributor': { as: 'shopper', request: () => ({ method: 'POST', path: '/me/distributor', body: { note: '限流测试' } }) },
  'bind-referral': {
    as: 'shopper',
    request: (i) => ({ method: 'POST', path: '/me/referral', body: { scene: `probe${i}x${ulid().slice(-8)}`, channel: 'link' } }),
  },
  'create-share': { as: 'shopper', request: () => ({ method: 'POST', path: '/me/shares', body: { kind: 'invite' } }) },
  'record-share-visit': {
    as: 'anonymous',
    request: (i) => ({ method: 'POST', path: `/shares/probe${i}x${ulid().slice(-8)}/visits`, body: { channel: 'qr' } }),
  },
  // points: check-in (a repeat answers the day), views of a creative that may not exist, a token nobody holds
  'check-in': { as: 'shopper', request: () => ({ method: 'POST', path: '/me/points/check-in' }) },
  'start-rewarded-view': {
    as: 'shopper',
    request: () => ({ method: 'POST', path: '/me/rewarded-views', body: { kind: 'house', creativeId: 'probe-creative', deviceId: 'probe-device-0001' } }),
  },
  'complete-rewarded-view': {
    as: 'shopper',
    request: () => ({ method: 'POST', path: `/me/rewarded-views/${'p'.repeat(6)}${ulid()}/complete`, body: { deviceId: 'probe-device-0001' } }),
  },
  'add-favourite': { as: 'shopper', request: () => ({ method: 'PUT', path: `/me/favourites/${ulid()}` }) },
  'record-product-view': { as: 'shopper', request: () => ({ method: 'POST', path: `/me/history/${ulid()}` }) },
  'create-avatar-upload': { as: 'shopper', request: () => ({ method: 'POST', path: '/me/avatar-upload', body: ticket }) },
  'submit-checkout': {
    as: 'shopper',
    request: () => ({
      method: 'POST',
      path: '/checkout',
      headers: { 'Idempotency-Key': `probe-${ulid()}` },
      body: { addressId: ulid(), lines: [{ productId: ulid(), skuId: ulid(), quantity: 1 }], fingerprint: 'p'.repeat(32) },
    }),
  },
  // another shopper's (or no) checkout: 404 after the limiter, which counts it all the same
  'start-payment': { as: 'shopper', request: () => ({ method: 'POST', path: `/me/checkouts/${ulid()}/pay`, body: { channel: 'wechat_h5' } }) },
  'sync-payment': { as: 'shopper', request: () => ({ method: 'POST', path: `/me/checkouts/${ulid()}/sync-payment` }) },
  'create-address': {
    as: 'shopper',
    request: () => ({ method: 'POST', path: '/me/addresses', body: { recipient: '限流', phone: '13800138000', regionCode: '330106', detail: '文三路 1 号' } }),
  },
  'create-application-upload': { as: 'shopper', request: () => ({ method: 'POST', path: '/merchant-applications/uploads', body: ticket }) },
  'submit-application': { as: 'shopper', request: () => ({ method: 'POST', path: '/merchant-applications', body: applicationBody() }) },
  'resubmit-application': { as: 'shopper', request: () => ({ method: 'PUT', path: `/merchant-applications/${ulid()}`, body: applicationBody() }) },
  'create-product-upload': { as: 'owner', request: (_, m) => ({ method: 'POST', path: `/merchants/${m}/product-uploads`, body: ticket }) },
  'import-products': { as: 'owner', request: (_, m) => ({ method: 'POST', path: `/merchants/${m}/products/import`, body: { csv: 'handle\n' } }) },
  'create-store-upload': { as: 'owner', request: (_, m) => ({ method: 'POST', path: `/merchants/${m}/store/uploads`, body: ticket }) },
  'invite-merchant-staff': { as: 'owner', request: (_, m) => ({ method: 'POST', path: `/merchants/${m}/staff`, body: { role: 'operator', userId: ulid() } }) },
  'create-category-icon-upload': { as: 'admin', request: () => ({ method: 'POST', path: '/admin/categories/icon-upload', body: ticket }) },
  // after-sale and reviews: unknown orders, cases and reviews (404 once counted); uploads into the caller's own prefix
  'create-after-sale-upload': { as: 'shopper', request: () => ({ method: 'POST', path: '/me/after-sale-uploads', body: ticket }) },
  'request-after-sale': {
    as: 'shopper',
    request: () => ({
      method: 'POST',
      path: '/me/after-sales',
      body: { orderId: ulid(), kind: 'refund_only', lines: [{ skuId: ulid(), quantity: 1 }], reason: 'not_received' },
    }),
  },
  'create-review-upload': { as: 'shopper', request: () => ({ method: 'POST', path: '/me/review-uploads', body: ticket }) },
  'create-review': {
    as: 'shopper',
    request: () => ({
      method: 'POST',
      path: `/me/orders/${ulid()}/reviews`,
      body: { skuId: ulid(), stars: { product: 5, service: 5, delivery: 5 }, text: '限流' },
    }),
  },
  'add-review-follow-up': { as: 'shopper', request: () => ({ method: 'POST', path: `/me/reviews/${ulid()}/follow-up`, body: { text: '追评' } }) },
  'reply-to-review': { as: 'owner', request: (_, m) => ({ method: 'POST', path: `/merchants/${m}/reviews/${ulid()}/reply`, body: { text: '谢谢' } }) },
  // arbitration evidence (ADR 0059): unknown cases, 404 once counted
  'add-my-after-sale-evidence': { as: 'shopper', request: () => ({ method: 'POST', path: `/me/after-sales/${ulid()}/evidence`, body: { text: '举证' } }) },
  'add-merchant-after-sale-evidence': {
    as: 'owner',
    request: (_, m) => ({ method: 'POST', path: `/merchants/${m}/after-sales/${ulid()}/evidence`, body: { text: '举证' } }),
  },
  'mark-inbox-read': { as: 'shopper', request: () => ({ method: 'POST', path: '/me/inbox/read', body: { ids: [ulid()] } }) },
  'accept-message-subscriptions': { as: 'shopper', request: () => ({ method: 'POST', path: '/me/message-subscriptions', body: { accepted: ['order_paid'] } }) },
  'get-payment-account': { as: 'owner', request: (_, m) => ({ method: 'GET', path: `/merchants/${m}/payment-account` }) },
  // the probing owner's store sells already (409 after the limiter): the limiter counts it all the same
  'submit-payment-applyment': {
    as: 'owner',
    request: (_, m) => ({
      method: 'POST',
      path: `/merchants/${m}/payment-account/applyments`,
      body: { organizationType: '2401', merchantShortname: '限流测试', contact: { name: '限流', mobile: '13800138000' } },
    }),
  },
};
