import { payAtCashier } from './checkout-load';
import { ulid } from 'ulid';
import { DEMO } from '../../../infra/local/seed';
import { randomEmail, randomPhone, type RequestSpec } from './http';
import type { Session } from './sign-in';
import { PRINCIPAL_PASSWORD, type MerchantSide, type ProductRef, type RoleName, type World } from './world';

export interface FixtureInput {
  w: World;
  /** Who calls. */
  as: RoleName;
  /** Whose merchant objects the request targets (merchant routes); A unless checking B's. */
  side: MerchantSide;
  /** The caller may do this: the fixture makes fresh objects for calls that consume them. */
  allowed: boolean;
  /** The session that will send the request (none for anonymous). */
  session?: Session;
}

export interface Fixture {
  request(input: FixtureInput): Promise<RequestSpec>;
  /**
   * The call must come from an account of the caller's kind made for it (binding a login method,
   * ending sessions), signed up by this method; otherwise the role's own session calls.
   */
  principal?: 'sms' | 'email';
  /** Fixtures with the same group share that account (what they use up does not collide). */
  group?: string;
}

type Build = (input: FixtureInput) => Promise<RequestSpec> | RequestSpec;
const fixture = (build: Build, principal?: 'sms' | 'email', group?: string): Fixture => ({ request: async (i) => build(i), principal, group });
/** A day long past (its bill is out): the bill reconciliation fixtures' day. */
const RECONCILED_DAY = '2026-01-15';
const get =
  (path: string): Build =>
  () => ({ method: 'GET', path });
const upload =
  (method: string, path: (i: FixtureInput) => string, contentType = 'image/png'): Build =>
  (i) => ({ method, path: path(i), body: { contentType, size: 1024 } });

const mid = (i: FixtureInput): string => i.w.merchants[i.side];
const ownerOf = (side: MerchantSide): RoleName => (side === 'A' ? 'ownerA' : 'ownerB');
const owner = (i: FixtureInput): RoleName => ownerOf(i.side);

/** A draft of the targeted merchant: fresh when the call may consume it, shared otherwise. */
const draft = (i: FixtureInput, purpose: string): Promise<ProductRef> =>
  i.allowed ? i.w.product(i.side) : i.w.shared(`draft:${i.side}:${purpose}`, () => i.w.product(i.side));
const approved = (i: FixtureInput, purpose: string): Promise<ProductRef> =>
  i.allowed ? i.w.product(i.side, 'approved') : i.w.shared(`approved:${i.side}:${purpose}`, () => i.w.product(i.side, 'approved'));
const submitted = (i: FixtureInput): Promise<ProductRef> =>
  i.allowed ? i.w.product('A', 'submitted') : i.w.shared('submitted', () => i.w.product('A', 'submitted'));
const productPath = (p: ProductRef, rest = ''): string => `/merchants/${p.merchantId}/products/${p.productId}${rest}`;

/** A staff member (customer service) of the targeted merchant, added by its owner. */
async function staffMember(i: FixtureInput, purpose: string): Promise<string> {
  const make = async (): Promise<string> => {
    const who = await i.w.freshUser();
    await i.w.ok(owner(i), { method: 'POST', path: `/merchants/${mid(i)}/staff`, body: { role: 'customer_service', userId: who.userId } }, 'add staff');
    return who.userId;
  };
  return i.allowed ? make() : i.w.shared(`staff:${i.side}:${purpose}`, make);
}

async function invitedPhone(i: FixtureInput): Promise<string> {
  const make = async (): Promise<string> => {
    const phone = randomPhone();
    await i.w.ok(owner(i), { method: 'POST', path: `/merchants/${mid(i)}/staff`, body: { role: 'operator', phone } }, 'invite staff');
    return phone;
  };
  return i.allowed ? make() : i.w.shared(`invite:${i.side}`, make);
}

/** A submitted application of a fresh applicant (review routes consume it). */
const pendingApplication = (i: FixtureInput): Promise<string> => {
  const make = async (): Promise<string> => i.w.application(await i.w.freshUser());
  return i.allowed ? make() : i.w.shared('application:pending', make);
};

/** The caller's own application: submitted once per account, then reused. */
const ownApplication = (w: World, session: Session): Promise<string> => w.shared(`application:of:${session.userId}`, () => w.application(session));

const APPLYMENT = { organizationType: '2401', merchantShortname: '权限测试店', contact: { name: '张三', mobile: '13800138000' } };

/** A store of the caller's own without a WeChat Pay sub-merchant id (written in this process, on the attack table). */
async function storeWithoutSubMchid(i: FixtureInput): Promise<string> {
  const { createMerchant } = await import('../../../functions/merchants/merchants');
  const id = ulid();
  await createMerchant({ id, name: `收付通测试${id.slice(-6)}`, ownerId: i.session!.userId });
  return id;
}

const ATTACK_ADDRESS = { recipient: '测试', phone: '13800138000', regionCode: '330106', detail: '文三路 100 号' };

/** An address of the calling account (fresh when the call may consume it); anonymous calls use another shopper's. */
async function ownAddress(i: FixtureInput): Promise<string> {
  const who = i.session ?? i.w.otherShopper;
  const made = await i.w.ok<{ id: string }>(who, { method: 'POST', path: '/me/addresses', body: ATTACK_ADDRESS }, 'create address');
  return made.id;
}

/** Keeps the caller's address book small: the demo accounts sign in on every run. */
async function pruneAddresses(i: FixtureInput): Promise<void> {
  const who = i.session ?? i.w.otherShopper;
  const list = await i.w.ok<{ items: { id: string }[] }>(who, { method: 'GET', path: '/me/addresses' }, 'list addresses');
  for (const a of list.items.slice(3)) await i.w.ok(who, { method: 'DELETE', path: `/me/addresses/${a.id}` }, 'delete address');
}

/** One address per account for checkout fixtures. */
const sharedAddress = (i: FixtureInput): Promise<string> => {
  const who = i.session ?? i.w.otherShopper;
  return i.w.shared(
    `address:${who.userId}`,
    async () => (await i.w.ok<{ id: string }>(who, { method: 'POST', path: '/me/addresses', body: ATTACK_ADDRESS }, 'create address')).id,
  );
};

const ATTACK_TEMPLATE = { name: '攻击测试', basis: 'count', defaultRule: { first: 1, firstFee: 500, additional: 1, additionalFee: 100 } };

/** The attack templates a store keeps (a store has at most 20). */
const KEPT_TEMPLATES = 8;

/** Keeps the targeted store's templates few (the demo stores live across runs). */
async function pruneTemplates(i: FixtureInput): Promise<void> {
  const list = await i.w.ok<{ items: { id: string; name: string }[] }>(
    owner(i),
    { method: 'GET', path: `/merchants/${mid(i)}/shipping-templates` },
    'list templates',
  );
  // the oldest go, the newest stay: another fixture may have just made the template its call needs (the list is in
  // the order made; keeping the two oldest deleted it, and delete-shipping-template got 404 in a full attack run).
  // Another fixture may be pruning the same store at the same time: a template already gone is fine.
  const ours = list.items.filter((x) => x.name === ATTACK_TEMPLATE.name);
  for (const t of ours.slice(0, Math.max(0, ours.length - KEPT_TEMPLATES)))
    await i.w.call(owner(i), { method: 'DELETE', path: `/merchants/${mid(i)}/shipping-templates/${t.id}` });
}

/** A template of the targeted store: fresh when the call may consume it, shared otherwise. */
const template = (i: FixtureInput, purpose: string): Promise<string> => {
  const make = async (): Promise<string> => {
    await pruneTemplates(i);
    return (
      await i.w.ok<{ id: string }>(owner(i), { method: 'POST', path: `/merchants/${mid(i)}/shipping-templates`, body: ATTACK_TEMPLATE }, 'create template')
    ).id;
  };
  return i.allowed ? make() : i.w.shared(`template:${i.side}:${purpose}`, make);
};

/** A line of an approved product of store A or B (both demo stores can sell: they have a sub_mchid); one product per purpose, 10 in stock. */
const lineUses = new Map<string, number>();
async function checkoutLine(w: World, purpose: string, side: MerchantSide): Promise<{ productId: string; skuId: string; quantity: number }> {
  // a fresh product every 5 uses: each has 10 in stock and the suites may reserve some of it
  const key = `${side}:${purpose}`;
  const uses = lineUses.get(key) ?? 0;
  lineUses.set(key, uses + 1);
  const p = await w.shared(`product:checkout:${key}:${Math.floor(uses / 5)}`, () => w.product(side, 'approved'));
  return { productId: p.productId, skuId: p.skuId, quantity: 1 };
}

interface Placed {
  checkout: { id: string };
  orders: { id: string; outTradeNo: string; subMchid: string; total: { amount: number; currency: string } }[];
}

/** A checkout placed by `who` through the API (preview, then submit with an Idempotency-Key). */
async function place(w: World, who: Session, purpose: string, side: MerchantSide = 'A'): Promise<Placed> {
  const address = await w.shared(
    `address:${who.userId}`,
    async () => (await w.ok<{ id: string }>(who, { method: 'POST', path: '/me/addresses', body: ATTACK_ADDRESS }, 'create address')).id,
  );
  const body = { addressId: address, lines: [await checkoutLine(w, purpose, side)] };
  const { fingerprint } = await w.ok<{ fingerprint: string }>(who, { method: 'POST', path: '/checkout/preview', body }, 'preview');
  return w.ok<Placed>(
    who,
    { method: 'POST', path: '/checkout', body: { ...body, fingerprint }, headers: { 'Idempotency-Key': `atk-${ulid()}` } },
    'submit checkout',
  );
}
const placedBy = (w: World, who: Session, purpose: string): Promise<Placed> => w.shared(`placed:${who.userId}:${purpose}`, () => place(w, who, purpose));

/**
 * Pays a checkout as a shopper does: start-payment (H5), "pay" on the WeChat Pay simulator's cashier, whose
 * signed notification settles it through our webhook; waits until it is paid. (It used to call
 * markCheckoutPaid directly, which left paid orders without a payment: reconcile's orders-payments check
 * rightly reported every one of them.)
 */
async function pay(w: World, who: Session, placed: Placed): Promise<void> {
  const checkoutId = placed.checkout.id;
  const started = await w.ok<{ h5Url: string }>(
    who,
    {
      method: 'POST',
      path: `/me/checkouts/${checkoutId}/pay`,
      body: { channel: 'wechat_h5', returnUrl: `${w.api.env.H5_ORIGIN}/checkout/pages/result/index?id=${checkoutId}` },
    },
    'start payment',
  );
  const prepayId = new URL(started.h5Url).searchParams.get('prepay_id')!;
  if (!(await payAtCashier(w.api.stack.urls.sims, prepayId))) throw new Error(`the cashier refused to pay checkout ${checkoutId}`);
  for (const deadline = Date.now() + 30_000; ; ) {
    const now = await w.ok<{ checkout: { status: string } }>(who, { method: 'GET', path: `/me/checkouts/${checkoutId}` }, 'read checkout');
    if (now.checkout.status === 'paid') return;
    if (Date.now() > deadline) throw new Error(`checkout ${checkoutId} is ${now.checkout.status} 30 s after paying at the cashier`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * A paid order of the fixture's store (A or B: a call on B's objects, or on A's path with B's object id,
 * must get an order of B), placed by the other shopper: fresh when the call may consume it (shipping),
 * shared otherwise.
 */
const storeOrder = (i: FixtureInput, purpose: string): Promise<string> => {
  const make = async (): Promise<string> => {
    const placed = await place(i.w, i.w.otherShopper, `store:${purpose}`, i.side);
    await pay(i.w, i.w.otherShopper, placed);
    return placed.orders[0]!.id;
  };
  return i.allowed && purpose === 'ship' ? make() : i.w.shared(`store-order:${i.side}:${purpose}`, make);
};

/** A shipped order of `who`. */
async function shippedOrder(w: World, who: Session): Promise<Placed> {
  const placed = await place(w, who, 'confirm');
  await pay(w, who, placed);
  await w.ok(
    'ownerA',
    {
      method: 'POST',
      path: `/merchants/${w.merchants.A}/orders/${placed.orders[0]!.id}/ship`,
      body: { parcels: [{ carrierCode: 'YD', trackingNumber: `YD${Date.now()}` }] },
    },
    'ship',
  );
  return placed;
}

/** The calling account; an anonymous call is built from another account's objects (it is refused before they matter). */
const caller = (i: FixtureInput): Session => i.session ?? i.w.otherShopper;

// --- points (ADR 0067, 0068): the rules hold a one-second house video so a view completes in a fixture
const ATTACK_POINTS_RULES = {
  checkIn: { points: 10, streakBonusPerDay: 2, streakBonusMax: 20 },
  rewardedView: { points: 30, dailyViews: 100 },
  wechatAd: { points: 10, dailyViews: 100, minSeconds: 15 },
  caps: { shopperDailyPoints: 100_000, deviceDailyPoints: 100_000, deviceDailyViews: 1_000, maxAccountsPerDevice: 20 },
  expiryMonths: 12,
  houseCreatives: [{ id: 'attack-house', title: '平台视频', videoUrl: 'https://example.com/house.mp4', posterUrl: null, durationSeconds: 1 }],
};
const pointsRules = (w: World): Promise<unknown> =>
  w.shared('points-rules', () => w.ok('super_admin', { method: 'PUT', path: '/admin/points/rules', body: ATTACK_POINTS_RULES }, 'points rules'));
const deviceId = (): string => `attack-${ulid()}`;
/** A view of the caller's, started and played to its end (one second). */
async function finishedView(i: FixtureInput): Promise<{ token: string; deviceId: string }> {
  await pointsRules(i.w);
  const device = deviceId();
  if (!i.session) return { token: 'A'.repeat(32), deviceId: device };
  const view = await i.w.ok<{ token: string }>(
    i.session,
    { method: 'POST', path: '/me/rewarded-views', body: { kind: 'house', creativeId: 'attack-house', deviceId: device } },
    'start view',
  );
  await new Promise((r) => setTimeout(r, 1100));
  return { token: view.token, deviceId: device };
}

// --- after-sale: cases on shipped orders (a refund before shipment would be approved and refunded at once)
const RETURN_ADDRESS = { recipient: '售后部', phone: '13800138000', region: '浙江省杭州市西湖区', detail: '文三路 100 号' };
interface Case {
  id: string;
  lines: { skuId: string }[];
}

/** A case of `who` on a fresh shipped order of store `side` (shipped by its owner). */
async function afterSaleCase(w: World, who: Session, kind: 'refund_only' | 'return_refund' | 'exchange', side: MerchantSide = 'A'): Promise<Case> {
  const placed = await place(w, who, `after-sale:${side}`, side);
  await pay(w, who, placed);
  const order = placed.orders[0]!;
  const shipped = await w.ok<{ lines: { skuId: string }[] }>(
    ownerOf(side),
    {
      method: 'POST',
      path: `/merchants/${w.merchants[side]}/orders/${order.id}/ship`,
      body: { parcels: [{ carrierCode: 'YD', trackingNumber: `YD${Date.now()}` }] },
    },
    'ship',
  );
  return w.ok<Case>(
    who,
    {
      method: 'POST',
      path: '/me/after-sales',
      body: { orderId: order.id, kind, lines: [{ skuId: shipped.lines[0]!.skuId, quantity: 1 }], reason: 'damaged', text: '破损' },
    },
    'request after-sale',
  );
}

/** A case moved on by store A's owner (approved with the return address, or rejected). */
async function decidedCase(w: World, who: Session, decision: 'approve' | 'reject'): Promise<Case> {
  const c = await afterSaleCase(w, who, 'return_refund');
  const body = decision === 'approve' ? { returnAddress: RETURN_ADDRESS } : { reason: '商品无质量问题' };
  await w.ok('ownerA', { method: 'POST', path: `/merchants/${w.merchants.A}/after-sales/${c.id}/${decision}`, body }, decision);
  return c;
}

/** A case of `who` rejected by store `side`'s owner and escalated to the platform (ADR 0059). */
async function escalatedCase(w: World, who: Session, side: MerchantSide = 'A'): Promise<Case> {
  const c = await afterSaleCase(w, who, 'refund_only', side);
  await w.ok(ownerOf(side), { method: 'POST', path: `/merchants/${w.merchants[side]}/after-sales/${c.id}/reject`, body: { reason: '已签收' } }, 'reject');
  await w.ok(who, { method: 'POST', path: `/me/after-sales/${c.id}/escalate`, body: { text: '并未收到' } }, 'escalate');
  return c;
}

/** An exchange of `who` at store `side` approved by its owner; `shipped`: its replacement on the way (ADR 0060). */
async function exchangeCase(w: World, who: Session, side: MerchantSide, shipped: boolean): Promise<Case> {
  const c = await afterSaleCase(w, who, 'exchange', side);
  const base = `/merchants/${w.merchants[side]}/after-sales/${c.id}`;
  await w.ok(ownerOf(side), { method: 'POST', path: `${base}/approve`, body: { returnAddress: RETURN_ADDRESS } }, 'approve');
  if (shipped)
    await w.ok(ownerOf(side), { method: 'POST', path: `${base}/ship-replacement`, body: { carrierCode: 'SF', trackingNumber: `SF${Date.now()}` } }, 'replace');
  return c;
}

/** A case of the other shopper on store `side`'s order: fresh when the call may consume it, shared otherwise. */
const storeCase = (i: FixtureInput, purpose: string, approved = false): Promise<Case> => {
  const make = async (): Promise<Case> => {
    const c = await afterSaleCase(i.w, i.w.otherShopper, 'return_refund', i.side);
    if (approved)
      await i.w.ok(
        ownerOf(i.side),
        { method: 'POST', path: `/merchants/${mid(i)}/after-sales/${c.id}/approve`, body: { returnAddress: RETURN_ADDRESS } },
        'approve',
      );
    return c;
  };
  return i.allowed ? make() : i.w.shared(`store-case:${i.side}:${purpose}`, make);
};
const ownCase = (i: FixtureInput, purpose: string, make: () => Promise<Case>): Promise<Case> =>
  i.allowed ? make() : i.w.shared(`own-case:${caller(i).userId}:${purpose}`, make);

/** A received (completed) order of `who` at the store of `side`: placed, paid, shipped by its owner, receipt confirmed. */
async function completedOrder(w: World, who: Session, purpose: string, side: MerchantSide = 'A'): Promise<{ orderId: string; skuId: string }> {
  const placed = await place(w, who, `review:${purpose}`, side);
  await pay(w, who, placed);
  const orderId = placed.orders[0]!.id;
  await w.ok(
    ownerOf(side),
    {
      method: 'POST',
      path: `/merchants/${w.merchants[side]}/orders/${orderId}/ship`,
      body: { parcels: [{ carrierCode: 'YD', trackingNumber: `YD${Date.now()}` }] },
    },
    'ship',
  );
  await w.ok(who, { method: 'POST', path: `/me/orders/${orderId}/confirm-receipt` }, 'confirm receipt');
  const order = await w.ok<{ lines: { skuId: string }[] }>(who, { method: 'GET', path: `/me/orders/${orderId}` }, 'get order');
  return { orderId, skuId: order.lines[0]!.skuId };
}

const REVIEW_BODY = { stars: { product: 5, service: 4, delivery: 4 }, text: '权限测试的评价：茶不错' };

/** A shown (text-only) review by `who` of a fresh received order at `side`'s store. */
async function shownReview(w: World, who: Session, purpose: string, side: MerchantSide = 'A'): Promise<string> {
  const { orderId, skuId } = await completedOrder(w, who, purpose, side);
  const review = await w.ok<{ id: string }>(who, { method: 'POST', path: `/me/orders/${orderId}/reviews`, body: { ...REVIEW_BODY, skuId } }, 'review');
  return review.id;
}

async function applicationInput(w: World, session: Session): Promise<Record<string, unknown>> {
  return {
    businessType: 'company',
    storeName: `攻击测试店 ${ulid().slice(-10)}`,
    licenceNumber: `ATK-${Date.now().toString(36).toUpperCase()}`,
    contactName: '测试',
    contactPhone: randomPhone(),
    categoryId: w.topCategoryId,
    documentKeys: [await w.upload(session, '/merchant-applications/uploads')],
  };
}

/**
 * A store of its own for `purpose`, opened through an approved application, for calls that may change
 * what every later call on a store relies on (its status: merchant A and B must stay open and selling).
 */
export const storeOfItsOwn = (w: World, purpose: string): Promise<string> =>
  w.shared(`store:${purpose}`, async () => {
    const applicant = await w.freshUser();
    const applicationId = await w.application(applicant);
    const approved = await w.ok<{ merchant: { id: string } }>(
      'super_admin',
      { method: 'POST', path: `/admin/merchant-applications/${applicationId}/approve` },
      'approve application',
    );
    return approved.merchant.id;
  });

/** A store used only to change its status (merchant A and B keep theirs). */
const statusStore = (w: World): Promise<string> => storeOfItsOwn(w, 'status');

const CSV_HEADER =
  'handle,title_zh,title_en,description_zh,description_en,category_id,image_keys,tags,brand,weight_grams,hs_code,country_of_origin,spec1_name,spec1_value,spec2_name,spec2_value,sku_code,price,market_price,stock,low_stock_threshold';
const csv = (w: World, merchantId: string): string =>
  `${CSV_HEADER}\natk-${ulid().toLowerCase()},测试导入,Import test,导入,Imported,${w.leafCategoryId},merchants/${merchantId}/products/${ulid()}.jpg,,,,,,,,,,ATK-CSV-${ulid()},19.90,,5,1\n`;

/**
 * One valid, minimal request per route, for the permission matrix. A route without an entry fails
 * the matrix loudly: give every new route its fixture here.
 */
// --- share to earn (ADR 0064-0066): the attack table's rules turn distribution on, applications reviewed
const ATTACK_RULES = {
  enabled: true,
  tiers: 2,
  rates: [1000, 500],
  categoryRates: [],
  selfPurchase: false,
  joinMode: 'apply',
  spendThreshold: null,
  bindingMode: 'last_click',
  bindingDays: null,
  settlementDelayDays: 7,
  minimumWithdrawal: { amount: 100, currency: 'CNY' },
  withdrawalFeeBp: 0,
  dailyWithdrawalCap: { amount: 50000, currency: 'CNY' },
};

/** Distribution on with the attack rules (once per run; a later save writes the same rules). */
const distributionOn = (w: World): Promise<void> =>
  w.shared('distribution:on', async () => {
    const { version } = await w.ok<{ version: number }>('super_admin', { method: 'GET', path: '/admin/distribution/rules' }, 'read rules');
    await w.ok('super_admin', { method: 'POST', path: '/admin/distribution/rules', body: { ...ATTACK_RULES, expectedVersion: version } }, 'distribution on');
  });

/** `who` applied (applications wait for review under the attack rules); the application stays waiting. */
const appliedDistributor = async (w: World, who: Session): Promise<string> => {
  await distributionOn(w);
  await w.ok(who, { method: 'POST', path: '/me/distributor', body: {} }, 'apply as distributor');
  return who.userId;
};

/** `who` is an approved distributor (applied, then approved by the super admin), once per account. */
const approvedDistributor = (w: World, who: Session): Promise<string> =>
  w.shared(`distributor:${who.userId}`, async () => {
    await appliedDistributor(w, who);
    const me = await w.ok<{ distributor: { status: string } | null }>(who, { method: 'GET', path: '/me/distributor' }, 'read distributor');
    if (me.distributor?.status === 'applied')
      await w.ok('super_admin', { method: 'POST', path: `/admin/distributors/${who.userId}/approve` }, 'approve distributor');
    return who.userId;
  });

/** An invite share of a distributor made for the run: what visits and bindings open. */
const attackScene = (w: World): Promise<string> =>
  w.shared('distribution:scene', async () => {
    const sharer = await w.freshUser();
    await approvedDistributor(w, sharer);
    return (await w.ok<{ scene: string }>(sharer, { method: 'POST', path: '/me/shares', body: { kind: 'invite' } }, 'create share')).scene;
  });

/** A waiting application of a fresh applicant (the review routes consume it). */
const pendingDistributor = (i: FixtureInput): Promise<string> => {
  const make = async (): Promise<string> => appliedDistributor(i.w, await i.w.freshUser());
  return i.allowed ? make() : i.w.shared('distributor:pending', make);
};

export const FIXTURES: Record<string, Fixture> = {
  // ops and public browsing
  health: fixture(get('/health')),
  'list-categories': fixture(get('/categories')),
  'get-home': fixture(get('/home')),
  'list-products': fixture(get('/products')),
  'search-products': fixture(() => ({ method: 'GET', path: '/search', query: { q: '测试' } })),
  'get-product': fixture(async ({ w }) => ({ method: 'GET', path: `/products/${(await w.productOnSale()).productId}` })),
  'get-store': fixture(({ w }) => ({ method: 'GET', path: `/stores/${w.merchants.A}` })),

  // sign-in (public)
  'send-sms-code': fixture(() => ({ method: 'POST', path: '/auth/sms/send', body: { phone: randomPhone(), purpose: 'login' } })),
  'login-sms': fixture(async ({ w }) => {
    const phone = randomPhone();
    await w.ok(undefined, { method: 'POST', path: '/auth/sms/send', body: { phone, purpose: 'login' } }, 'send code');
    return { method: 'POST', path: '/auth/sms/login', body: { phone, code: await w.signIn.latestSmsCode(phone) } };
  }),
  'login-wechat': fixture(async ({ w }) => ({ method: 'POST', path: '/auth/wechat', body: { code: await w.signIn.wechatCode() } })),
  'login-alipay': fixture(async ({ w }) => ({ method: 'POST', path: '/auth/alipay', body: { authCode: await w.signIn.alipayCode() } })),
  'login-email': fixture(() => ({ method: 'POST', path: '/auth/email/login', body: { email: DEMO.shopper.email, password: DEMO.shopper.password } })),
  'register-email': fixture(() => ({ method: 'POST', path: '/auth/email/register', body: { email: randomEmail('register'), password: PRINCIPAL_PASSWORD } })),
  'refresh-token': fixture(async ({ w }) => ({
    method: 'POST',
    path: '/auth/refresh',
    body: { refreshToken: (await w.signIn.email(DEMO.shopper.email, DEMO.shopper.password)).refreshToken },
  })),

  // the signed-in account
  'get-me': fixture(get('/me')),
  'update-me': fixture(() => ({ method: 'POST', path: '/me', body: { nickname: '权限测试' } })),
  'create-avatar-upload': fixture(upload('POST', () => '/me/avatar-upload')),
  logout: fixture(() => ({ method: 'POST', path: '/auth/logout' }), 'sms'),
  'logout-all': fixture(() => ({ method: 'POST', path: '/auth/logout-all' }), 'sms'),
  'bind-email': fixture(
    () => ({ method: 'POST', path: '/me/identities/email', body: { email: randomEmail('bind'), password: PRINCIPAL_PASSWORD } }),
    'sms',
    'new-account',
  ),
  'bind-wechat': fixture(
    async ({ w }) => ({ method: 'POST', path: '/me/identities/wechat', body: { code: await w.signIn.wechatCode() } }),
    'sms',
    'new-account',
  ),
  'bind-phone': fixture(async ({ w }) => {
    const phone = randomPhone();
    await w.ok(undefined, { method: 'POST', path: '/auth/sms/send', body: { phone, purpose: 'bind' } }, 'send bind code');
    return { method: 'POST', path: '/me/identities/phone', body: { phone, code: await w.signIn.latestSmsCode(phone) } };
  }, 'email'),
  'list-my-merchants': fixture(get('/me/merchants')),
  'list-favourites': fixture(get('/me/favourites')),
  'add-favourite': fixture(async ({ w }) => ({ method: 'PUT', path: `/me/favourites/${(await w.productOnSale()).productId}` })),
  'remove-favourite': fixture(async ({ w }) => ({ method: 'DELETE', path: `/me/favourites/${(await w.productOnSale()).productId}` })),
  'list-history': fixture(get('/me/history')),
  'record-product-view': fixture(async ({ w }) => ({ method: 'POST', path: `/me/history/${(await w.productOnSale()).productId}` })),
  'clear-history': fixture(() => ({ method: 'DELETE', path: '/me/history' })),

  // merchant applications (any signed-in account applies; the platform reviews)
  'create-application-upload': fixture(upload('POST', () => '/merchant-applications/uploads')),
  'submit-application': fixture(
    async (i) => ({ method: 'POST', path: '/merchant-applications', body: await applicationInput(i.w, caller(i)) }),
    'sms',
    'new-account',
  ),
  'list-my-applications': fixture(get('/me/merchant-applications')),
  'get-my-application': fixture(async (i) => ({ method: 'GET', path: `/merchant-applications/${await ownApplication(i.w, caller(i))}` })),
  'resubmit-application': fixture(async (i) => {
    const id = await ownApplication(i.w, caller(i));
    await i.w.ok(
      'super_admin',
      { method: 'POST', path: `/admin/merchant-applications/${id}/reject`, body: { reason: '权限测试：请重新提交' } },
      'reject application',
    );
    return { method: 'PUT', path: `/merchant-applications/${id}`, body: await applicationInput(i.w, caller(i)) };
  }),
  'list-application-queue': fixture(get('/admin/merchant-applications')),
  'get-application-for-review': fixture(async (i) => ({
    method: 'GET',
    path: `/admin/merchant-applications/${await pendingApplication({ ...i, allowed: false })}`,
  })),
  'approve-application': fixture(async (i) => ({ method: 'POST', path: `/admin/merchant-applications/${await pendingApplication(i)}/approve` })),
  'reject-application': fixture(async (i) => ({
    method: 'POST',
    path: `/admin/merchant-applications/${await pendingApplication(i)}/reject`,
    body: { reason: '权限测试' },
  })),

  // platform: staff, merchants, categories, product review
  'list-platform-staff': fixture(get('/admin/staff')),
  'create-platform-staff': fixture(() => ({ method: 'POST', path: '/admin/staff', body: { role: 'customer_service', phone: randomPhone() } })),
  'remove-platform-staff': fixture(async (i) => {
    const make = async (): Promise<string> =>
      (
        await i.w.ok<{ userId: string }>(
          'super_admin',
          { method: 'POST', path: '/admin/staff', body: { role: 'finance', phone: randomPhone() } },
          'grant finance',
        )
      ).userId;
    return { method: 'DELETE', path: `/admin/staff/${i.allowed ? await make() : await i.w.shared('platform-staff:victim', make)}` };
  }),
  'list-merchants': fixture(get('/admin/merchants')),
  'get-merchant-for-admin': fixture(({ w }) => ({ method: 'GET', path: `/admin/merchants/${w.merchants.A}` })),
  'set-merchant-status': fixture(async ({ w }) => {
    const id = await statusStore(w);
    const now = await w.ok<{ status?: string; merchant?: { status?: string } }>(
      'super_admin',
      { method: 'GET', path: `/admin/merchants/${id}` },
      'read store status',
    );
    const status = (now.merchant?.status ?? now.status) === 'open' ? 'warned' : 'open';
    return { method: 'POST', path: `/admin/merchants/${id}/status`, body: { status, reason: '权限测试' } };
  }),
  'create-category': fixture(() => ({ method: 'POST', path: '/admin/categories', body: { parentId: null, name: { 'zh-CN': `权限测试 ${ulid()}` } } })),
  'update-category': fixture(async ({ w }) => ({
    method: 'POST',
    path: `/admin/categories/${await w.shared('category:update', () => w.category(null))}`,
    body: { name: { 'zh-CN': `改名 ${ulid()}` } },
  })),
  'delete-category': fixture(async (i) => ({
    method: 'DELETE',
    path: `/admin/categories/${i.allowed ? await i.w.category(null) : await i.w.shared('category:delete', () => i.w.category(null))}`,
  })),
  'create-category-icon-upload': fixture(upload('POST', () => '/admin/categories/icon-upload')),
  'list-products-for-review': fixture(get('/admin/products/review')),
  'get-product-for-review': fixture(async (i) => ({ method: 'GET', path: `/admin/products/${(await submitted({ ...i, allowed: false })).productId}` })),
  'approve-product': fixture(async (i) => ({ method: 'POST', path: `/admin/products/${(await submitted(i)).productId}/approve` })),
  'reject-product': fixture(async (i) => ({ method: 'POST', path: `/admin/products/${(await submitted(i)).productId}/reject`, body: { reason: '权限测试' } })),

  // merchant: store and staff
  'get-merchant-dashboard': fixture((i) => ({ method: 'GET', path: `/merchants/${mid(i)}/dashboard` })),
  'get-store-profile': fixture((i) => ({ method: 'GET', path: `/merchants/${mid(i)}/store` })),
  'update-store-profile': fixture((i) => ({ method: 'POST', path: `/merchants/${mid(i)}/store`, body: { intro: { 'zh-CN': '权限测试简介' } } })),
  'update-store-layout': fixture((i) => ({ method: 'PUT', path: `/merchants/${mid(i)}/store/layout`, body: { blocks: [] } })),
  'create-store-upload': fixture(upload('POST', (i) => `/merchants/${mid(i)}/store/uploads`)),
  'list-merchant-inbox': fixture((i) => ({ method: 'GET', path: `/merchants/${mid(i)}/inbox` })),
  'list-merchant-staff': fixture((i) => ({ method: 'GET', path: `/merchants/${mid(i)}/staff` })),
  'invite-merchant-staff': fixture((i) => ({ method: 'POST', path: `/merchants/${mid(i)}/staff`, body: { role: 'customer_service', phone: randomPhone() } })),
  'change-staff-role': fixture(async (i) => ({
    method: 'PUT',
    path: `/merchants/${mid(i)}/staff/${await staffMember(i, 'role')}`,
    body: { role: 'operator' },
  })),
  'remove-merchant-staff': fixture(async (i) => ({ method: 'DELETE', path: `/merchants/${mid(i)}/staff/${await staffMember(i, 'remove')}` })),
  'cancel-staff-invite': fixture(async (i) => ({ method: 'DELETE', path: `/merchants/${mid(i)}/invites/${encodeURIComponent(await invitedPhone(i))}` })),

  // merchant: products and stock
  'create-product-upload': fixture(upload('POST', (i) => `/merchants/${mid(i)}/product-uploads`)),
  'create-product': fixture(async (i) => {
    const template = await i.w.shared(`draft:${i.side}:template`, () => i.w.product(i.side));
    const body = { ...template.body, skus: [{ specIndexes: [], code: `ATK-${ulid()}`, price: 990, initialStock: 1 }] };
    return { method: 'POST', path: `/merchants/${mid(i)}/products`, body };
  }),
  'list-merchant-products': fixture((i) => ({ method: 'GET', path: `/merchants/${mid(i)}/products` })),
  'get-merchant-product': fixture(async (i) => ({ method: 'GET', path: productPath(await draft({ ...i, allowed: false }, 'read')) })),
  'update-product': fixture(async (i) => {
    const p = await draft({ ...i, allowed: false }, 'update');
    return { method: 'PUT', path: productPath(p), body: p.body };
  }),
  'delete-product': fixture(async (i) => ({ method: 'DELETE', path: productPath(await draft(i, 'delete')) })),
  'submit-product': fixture(async (i) => ({ method: 'POST', path: productPath(await draft(i, 'submit'), '/submit') })),
  'take-product-off-shelf': fixture(async (i) => ({ method: 'POST', path: productPath(await approved(i, 'off'), '/off-shelf') })),
  'put-product-on-shelf': fixture(async (i) => {
    const make = async (): Promise<ProductRef> => {
      const p = await i.w.product(i.side, 'approved');
      await i.w.ok(owner(i), { method: 'POST', path: productPath(p, '/off-shelf') }, 'take off shelf');
      return p;
    };
    const p = i.allowed ? await make() : await i.w.shared(`off-shelf:${i.side}`, make);
    return { method: 'POST', path: productPath(p, '/on-shelf') };
  }),
  'adjust-sku-stock': fixture(async (i) => {
    const p = await draft({ ...i, allowed: false }, 'stock');
    return { method: 'POST', path: productPath(p, `/skus/${p.skuId}/stock`), body: { delta: 1, note: '权限测试' } };
  }),
  'list-stock-postings': fixture(async (i) => {
    const p = await draft({ ...i, allowed: false }, 'stock');
    return { method: 'GET', path: productPath(p, `/skus/${p.skuId}/postings`) };
  }),
  'import-products': fixture((i) => ({ method: 'POST', path: `/merchants/${mid(i)}/products/import`, body: { csv: csv(i.w, mid(i)) } })),
  'list-import-reports': fixture((i) => ({ method: 'GET', path: `/merchants/${mid(i)}/product-imports` })),
  'get-import-report': fixture(async (i) => {
    const report = await i.w.shared(`import:${i.side}`, () =>
      i.w.ok<{ id?: string; importId?: string }>(
        ownerOf(i.side),
        { method: 'POST', path: `/merchants/${mid(i)}/products/import`, body: { csv: csv(i.w, mid(i)) } },
        'import products',
      ),
    );
    return { method: 'GET', path: `/merchants/${mid(i)}/product-imports/${report.id ?? report.importId}` };
  }),
  // --- cart and addresses (the caller's own cart and address book)
  'get-cart': fixture(get('/me/cart')),
  'count-cart': fixture(get('/me/cart/count')),
  'add-cart-item': fixture(async ({ w }) => ({ method: 'POST', path: '/me/cart/items', body: { skuId: (await w.productOnSale()).skuId, quantity: 1 } })),
  'update-cart-item': fixture(async (i) => {
    const { skuId } = await i.w.productOnSale();
    if (i.allowed) await i.w.ok(caller(i), { method: 'POST', path: '/me/cart/items', body: { skuId, quantity: 1 } }, 'add to cart');
    return { method: 'POST', path: `/me/cart/items/${skuId}`, body: { selected: true } };
  }),
  'select-cart-items': fixture(() => ({ method: 'POST', path: '/me/cart/select', body: { selected: true } })),
  'remove-cart-items': fixture(async ({ w }) => ({ method: 'POST', path: '/me/cart/remove', body: { skuIds: [(await w.productOnSale()).skuId] } })),
  'list-addresses': fixture(get('/me/addresses')),
  'create-address': fixture(async (i) => {
    if (i.allowed) await pruneAddresses(i);
    return { method: 'POST', path: '/me/addresses', body: ATTACK_ADDRESS };
  }),
  'update-address': fixture(async (i) => ({ method: 'PUT', path: `/me/addresses/${await ownAddress(i)}`, body: ATTACK_ADDRESS })),
  'delete-address': fixture(async (i) => ({ method: 'DELETE', path: `/me/addresses/${await ownAddress(i)}` })),
  // --- shipping templates (merchant A's unless checking B's)
  'list-shipping-templates': fixture((i) => ({ method: 'GET', path: `/merchants/${mid(i)}/shipping-templates` })),
  'create-shipping-template': fixture(async (i) => {
    if (i.allowed) await pruneTemplates(i);
    return { method: 'POST', path: `/merchants/${mid(i)}/shipping-templates`, body: ATTACK_TEMPLATE };
  }),
  'update-shipping-template': fixture(async (i) => ({
    method: 'PUT',
    path: `/merchants/${mid(i)}/shipping-templates/${await template(i, 'update')}`,
    body: ATTACK_TEMPLATE,
  })),
  'delete-shipping-template': fixture(async (i) => ({ method: 'DELETE', path: `/merchants/${mid(i)}/shipping-templates/${await template(i, 'delete')}` })),
  // --- checkout and orders (the caller's own; merchant routes on the targeted store's orders)
  'preview-checkout': fixture(async (i) => ({
    method: 'POST',
    path: '/checkout/preview',
    body: { addressId: await sharedAddress(i), lines: [await checkoutLine(i.w, 'preview', 'A')] },
  })),
  'submit-checkout': fixture(async (i) => {
    const body = { addressId: await sharedAddress(i), lines: [await checkoutLine(i.w, 'submit', 'A')] };
    const fingerprint = i.allowed
      ? (await i.w.ok<{ fingerprint: string }>(caller(i), { method: 'POST', path: '/checkout/preview', body }, 'preview')).fingerprint
      : 'x'.repeat(32);
    return { method: 'POST', path: '/checkout', body: { ...body, fingerprint }, headers: { 'Idempotency-Key': `atk-${ulid()}` } };
  }),
  'get-checkout': fixture(async (i) => ({ method: 'GET', path: `/me/checkouts/${(await placedBy(i.w, caller(i), 'get')).checkout.id}` })),
  // H5: the attack roles sign in by phone or email, without a WeChat openid (JSAPI would answer 422)
  'start-payment': fixture(async (i) => ({
    method: 'POST',
    path: `/me/checkouts/${(i.allowed ? await place(i.w, caller(i), 'pay') : await placedBy(i.w, caller(i), 'get')).checkout.id}/pay`,
    body: { channel: 'wechat_h5' },
  })),
  'sync-payment': fixture(async (i) => ({ method: 'POST', path: `/me/checkouts/${(await placedBy(i.w, caller(i), 'get')).checkout.id}/sync-payment` })),
  'list-my-orders': fixture(() => ({ method: 'GET', path: '/me/orders', query: { tab: 'to_pay' } })),
  'get-my-order': fixture(async (i) => ({ method: 'GET', path: `/me/orders/${(await placedBy(i.w, caller(i), 'get')).orders[0]!.id}` })),
  'cancel-my-order': fixture(async (i) => {
    const placed = i.allowed ? await place(i.w, caller(i), 'cancel') : await placedBy(i.w, caller(i), 'get');
    return { method: 'POST', path: `/me/orders/${placed.orders[0]!.id}/cancel`, body: {} };
  }),
  'confirm-receipt': fixture(async (i) => {
    const placed = i.allowed ? await shippedOrder(i.w, caller(i)) : await placedBy(i.w, caller(i), 'get');
    return { method: 'POST', path: `/me/orders/${placed.orders[0]!.id}/confirm-receipt` };
  }),
  'list-merchant-orders': fixture((i) => ({ method: 'GET', path: `/merchants/${mid(i)}/orders`, query: { status: 'paid' } })),
  'get-merchant-order': fixture(async (i) => ({ method: 'GET', path: `/merchants/${mid(i)}/orders/${await storeOrder(i, 'get')}` })),
  'ship-order': fixture(async (i) => ({
    method: 'POST',
    path: `/merchants/${mid(i)}/orders/${await storeOrder(i, 'ship')}/ship`,
    body: { parcels: [{ carrierCode: 'SF', trackingNumber: `SF${Date.now()}` }] },
  })),
  'search-orders': fixture((i) => ({ method: 'GET', path: '/admin/orders', query: { merchantId: mid(i), status: 'paid' } })),

  // --- after-sale (the caller's own cases; store routes on the targeted store's cases)
  'create-after-sale-upload': fixture(upload('POST', () => '/me/after-sale-uploads')),
  'quote-after-sale': fixture(async (i) => {
    // nothing is written: one shipped order per caller serves every call
    const who = caller(i);
    const placed = i.allowed ? await i.w.shared(`quote:${who.userId}`, () => shippedOrder(i.w, who)) : await placedBy(i.w, who, 'get');
    const order = placed.orders[0]! as Placed['orders'][number] & { lines?: { skuId: string }[] };
    return {
      method: 'POST',
      path: '/me/after-sale-quotes',
      body: { orderId: order.id, kind: 'refund_only', lines: [{ skuId: order.lines?.[0]?.skuId ?? ulid(), quantity: 1 }] },
    };
  }),
  'request-after-sale': fixture(async (i) => {
    const placed = i.allowed ? await shippedOrder(i.w, caller(i)) : await placedBy(i.w, caller(i), 'get');
    const order = placed.orders[0]! as Placed['orders'][number] & { lines?: { skuId: string }[] };
    const skuId = order.lines?.[0]?.skuId ?? ulid();
    return {
      method: 'POST',
      path: '/me/after-sales',
      body: { orderId: order.id, kind: 'refund_only', lines: [{ skuId, quantity: 1 }], reason: 'not_received' },
      headers: { 'Idempotency-Key': `atk-${ulid()}` },
    };
  }),
  'list-my-after-sales': fixture(get('/me/after-sales')),
  'get-my-after-sale': fixture(async (i) => ({
    method: 'GET',
    path: `/me/after-sales/${(await ownCase(i, 'get', () => afterSaleCase(i.w, caller(i), 'refund_only'))).id}`,
  })),
  'cancel-my-after-sale': fixture(async (i) => ({
    method: 'POST',
    path: `/me/after-sales/${(await ownCase(i, 'cancel', () => afterSaleCase(i.w, caller(i), 'refund_only'))).id}/cancel`,
    body: {},
  })),
  'send-after-sale-return': fixture(async (i) => ({
    method: 'POST',
    path: `/me/after-sales/${(await ownCase(i, 'return', () => decidedCase(i.w, caller(i), 'approve'))).id}/return`,
    body: { carrierCode: 'SF', trackingNumber: `SF${Date.now()}` },
  })),
  'escalate-after-sale': fixture(async (i) => ({
    method: 'POST',
    path: `/me/after-sales/${(await ownCase(i, 'escalate', () => decidedCase(i.w, caller(i), 'reject'))).id}/escalate`,
    body: { text: '商品确有破损' },
  })),
  'list-merchant-after-sales': fixture((i) => ({ method: 'GET', path: `/merchants/${mid(i)}/after-sales`, query: { status: 'requested' } })),
  'get-merchant-after-sale': fixture(async (i) => ({ method: 'GET', path: `/merchants/${mid(i)}/after-sales/${(await storeCase(i, 'get')).id}` })),
  'approve-after-sale': fixture(async (i) => ({
    method: 'POST',
    path: `/merchants/${mid(i)}/after-sales/${(await storeCase(i, 'approve')).id}/approve`,
    body: { returnAddress: RETURN_ADDRESS },
  })),
  'reject-after-sale': fixture(async (i) => ({
    method: 'POST',
    path: `/merchants/${mid(i)}/after-sales/${(await storeCase(i, 'reject')).id}/reject`,
    body: { reason: '商品无质量问题' },
  })),
  'confirm-after-sale-return': fixture(async (i) => {
    const c = await storeCase(i, 'confirm', true);
    return { method: 'POST', path: `/merchants/${mid(i)}/after-sales/${c.id}/confirm-return`, body: { lines: [{ skuId: c.lines[0]!.skuId, quantity: 1 }] } };
  }),
  // arbitration (ADR 0059): escalated cases; the platform closes them (no refund in the attack world's books)
  'add-my-after-sale-evidence': fixture(async (i) => ({
    method: 'POST',
    path: `/me/after-sales/${(await ownCase(i, 'evidence', () => escalatedCase(i.w, caller(i)))).id}/evidence`,
    body: { text: '快递记录显示未签收' },
  })),
  'add-merchant-after-sale-evidence': fixture(async (i) => {
    const make = () => escalatedCase(i.w, i.w.otherShopper, i.side);
    const c = i.allowed ? await make() : await i.w.shared(`escalated:${i.side}:evidence`, make);
    return { method: 'POST', path: `/merchants/${mid(i)}/after-sales/${c.id}/evidence`, body: { text: '签收底单' } };
  }),
  'list-my-after-sale-evidence': fixture(async (i) => ({
    method: 'GET',
    path: `/me/after-sales/${(await ownCase(i, 'evidence-list', () => escalatedCase(i.w, caller(i)))).id}/evidence`,
  })),
  'list-merchant-after-sale-evidence': fixture(async (i) => ({
    method: 'GET',
    path: `/merchants/${mid(i)}/after-sales/${(await i.w.shared(`escalated:${i.side}:evidence-list`, () => escalatedCase(i.w, i.w.otherShopper, i.side))).id}/evidence`,
  })),
  'list-arbitration-cases': fixture(get('/admin/after-sales')),
  'get-arbitration-case': fixture(async (i) => ({
    method: 'GET',
    path: `/admin/after-sales/${(await i.w.shared('escalated:get', () => escalatedCase(i.w, i.w.otherShopper))).id}`,
  })),
  'decide-arbitration': fixture(async (i) => {
    const make = () => escalatedCase(i.w, i.w.otherShopper);
    const c = i.allowed ? await make() : await i.w.shared('escalated:decide', make);
    return {
      method: 'POST',
      path: `/admin/after-sales/${c.id}/decide`,
      body: { decision: 'close', reason: '签收记录属实' },
      headers: { 'Idempotency-Key': `atk-${ulid()}` },
    };
  }),
  // exchange (ADR 0060)
  'ship-after-sale-replacement': fixture(async (i) => {
    const make = () => exchangeCase(i.w, i.w.otherShopper, i.side, false);
    const c = i.allowed ? await make() : await i.w.shared(`exchange:${i.side}:ship`, make);
    return {
      method: 'POST',
      path: `/merchants/${mid(i)}/after-sales/${c.id}/ship-replacement`,
      body: { carrierCode: 'SF', trackingNumber: `SF${Date.now()}` },
    };
  }),
  'confirm-after-sale-replacement': fixture(async (i) => ({
    method: 'POST',
    path: `/me/after-sales/${(await ownCase(i, 'replacement', () => exchangeCase(i.w, caller(i), 'A', true))).id}/confirm-replacement`,
    body: {},
  })),

  // the shopper's inbox and subscribe-message consents
  'list-my-inbox': fixture(get('/me/inbox')),
  'mark-inbox-read': fixture(() => ({ method: 'POST', path: '/me/inbox/read', body: { all: true } })),
  'get-message-subscriptions': fixture(get('/me/message-subscriptions')),
  'accept-message-subscriptions': fixture(() => ({ method: 'POST', path: '/me/message-subscriptions', body: { accepted: ['order_shipped'] } })),

  // reviews (ADR 0057): the caller's own received orders; the store's reviews of the targeted store
  'create-review-upload': fixture(upload('POST', () => '/me/review-uploads', 'image/jpeg')),
  'create-review': fixture(async (i) => {
    const who = caller(i);
    const { orderId, skuId } = i.allowed
      ? await completedOrder(i.w, who, 'create')
      : await i.w.shared(`completed:${who.userId}`, () => completedOrder(i.w, who, 'shared'));
    return { method: 'POST', path: `/me/orders/${orderId}/reviews`, body: { ...REVIEW_BODY, skuId } };
  }),
  'list-order-reviews': fixture(async (i) => ({ method: 'GET', path: `/me/orders/${(await placedBy(i.w, caller(i), 'get')).orders[0]!.id}/reviews` })),
  'add-review-follow-up': fixture(async (i) => {
    const who = caller(i);
    const reviewId = i.allowed ? await shownReview(i.w, who, 'follow-up') : await i.w.shared(`review:${who.userId}`, () => shownReview(i.w, who, 'shared'));
    return { method: 'POST', path: `/me/reviews/${reviewId}/follow-up`, body: { text: '用了一个月，追加评价' } };
  }),
  'list-my-reviews': fixture(get('/me/reviews')),
  'list-product-reviews': fixture(async ({ w }) => ({
    method: 'GET',
    path: `/products/${(await w.productOnSale()).productId}/reviews`,
    query: { filter: 'photos' },
  })),
  'get-product-reviews-overview': fixture(async ({ w }) => ({ method: 'GET', path: `/products/${(await w.productOnSale()).productId}/review-summary` })),
  'list-merchant-reviews': fixture((i) => ({ method: 'GET', path: `/merchants/${mid(i)}/reviews` })),
  'reply-to-review': fixture(async (i) => {
    const reviewId = i.allowed
      ? await shownReview(i.w, i.w.otherShopper, 'reply', i.side)
      : await i.w.shared(`review:store:${i.side}`, () => shownReview(i.w, i.w.otherShopper, 'store', i.side));
    return { method: 'POST', path: `/merchants/${mid(i)}/reviews/${reviewId}/reply`, body: { text: '谢谢您的评价' } };
  }),

  // the reconciliation of WeChat Pay's bills (ADR 0071): a past day, queued first so that it has a report
  'list-bill-reconciliations': fixture(get('/admin/reconciliation/bills')),
  // queued once for every caller: run-bill-reconciliation allows 6 a minute per user, and one queue per caller (each as
  // the super admin) was still refused (429) after five waits in the permission suite's full run
  'get-bill-reconciliation': fixture(async ({ w }) => {
    await w.shared('bill-reconciliation:queued', () =>
      w.ok('super_admin', { method: 'POST', path: `/admin/reconciliation/bills/${RECONCILED_DAY}/run`, body: {} }, 'queue a reconciliation'),
    );
    return { method: 'GET', path: `/admin/reconciliation/bills/${RECONCILED_DAY}` };
  }),
  'run-bill-reconciliation': fixture(() => ({ method: 'POST', path: `/admin/reconciliation/bills/${RECONCILED_DAY}/run`, body: {} })),
  // points (ADR 0067, 0068): the caller's own points centre, check-in and views; the platform's rules
  'get-my-points': fixture(get('/me/points')),
  'list-my-points-postings': fixture(get('/me/points/postings')),
  'get-my-expiring-points': fixture(get('/me/points/expiring')),
  'check-in': fixture(() => ({ method: 'POST', path: '/me/points/check-in' })),
  'start-rewarded-view': fixture(async ({ w }) => {
    await pointsRules(w);
    return { method: 'POST', path: '/me/rewarded-views', body: { kind: 'house', creativeId: 'attack-house', deviceId: deviceId() } };
  }),
  'complete-rewarded-view': fixture(async (i) => {
    const view = await finishedView(i);
    return { method: 'POST', path: `/me/rewarded-views/${view.token}/complete`, body: { deviceId: view.deviceId } };
  }),
  'get-points-rules': fixture(get('/admin/points/rules')),
  'set-points-rules': fixture(() => ({ method: 'PUT', path: '/admin/points/rules', body: ATTACK_POINTS_RULES })),

  // the store's WeChat Pay sub-merchant account
  'get-payment-account': fixture((i) => ({ method: 'GET', path: `/merchants/${mid(i)}/payment-account` })),
  'submit-payment-applyment': fixture(async (i) => ({
    method: 'POST',
    // A and B sell already (seeded sub-merchant ids: a submit is 409), so an allowed call applies for a
    // fresh store of the caller's own; refused calls target A's (or B's) path as the suite decides
    path: `/merchants/${i.allowed ? await storeWithoutSubMchid(i) : mid(i)}/payment-account/applyments`,
    body: APPLYMENT,
  })),

  // the merchants' money (ADR 0061-0063)
  'get-fee-rates': fixture(get('/admin/fee-rates')),
  'set-fee-rate': fixture(() => ({ method: 'POST', path: '/admin/fee-rates', body: { scope: 'default', bps: 500 } })),
  'get-merchant-balance': fixture((i) => ({ method: 'GET', path: `/merchants/${mid(i)}/balance` })),
  'list-merchant-postings': fixture((i) => ({ method: 'GET', path: `/merchants/${mid(i)}/postings` })),
  'list-merchant-withdrawals': fixture((i) => ({ method: 'GET', path: `/merchants/${mid(i)}/withdrawals` })),
  'create-withdrawal': fixture(async (i) => ({
    method: 'POST',
    path: `/merchants/${await creditedStore(i)}/withdrawals`,
    body: { amount: { amount: 1, currency: 'CNY' } },
    headers: { 'Idempotency-Key': `atk-${ulid()}` },
  })),
  // share to earn (ADR 0064-0066)
  'get-distribution-rules': fixture(get('/admin/distribution/rules')),
  'save-distribution-rules': fixture(async ({ w }) => {
    await distributionOn(w);
    const { version } = await w.ok<{ version: number }>('super_admin', { method: 'GET', path: '/admin/distribution/rules' }, 'read rules');
    return { method: 'POST', path: '/admin/distribution/rules', body: { ...ATTACK_RULES, expectedVersion: version } };
  }),
  'get-my-distributor': fixture(get('/me/distributor')),
  'apply-distributor': fixture(async ({ w }) => {
    await distributionOn(w);
    return { method: 'POST', path: '/me/distributor', body: { note: '权限测试' } };
  }),
  'list-distributor-queue': fixture(get('/admin/distributors')),
  'approve-distributor': fixture(async (i) => ({ method: 'POST', path: `/admin/distributors/${await pendingDistributor(i)}/approve` })),
  'reject-distributor': fixture(async (i) => ({
    method: 'POST',
    path: `/admin/distributors/${await pendingDistributor(i)}/reject`,
    body: { reason: '权限测试' },
  })),
  'create-share': fixture(async (i) => {
    if (i.session) await approvedDistributor(i.w, i.session);
    return { method: 'POST', path: '/me/shares', body: { kind: 'invite' } };
  }),
  'record-share-visit': fixture(async ({ w }) => ({ method: 'POST', path: `/shares/${await attackScene(w)}/visits`, body: { channel: 'qr' } })),
  'bind-referral': fixture(async ({ w }) => ({ method: 'POST', path: '/me/referral', body: { scene: await attackScene(w), channel: 'link' } })),
  'get-my-earnings': fixture(get('/me/distribution/earnings')),
  'list-my-team': fixture(get('/me/distribution/team')),
};

/**
 * Available money in the targeted store's ledger for a withdrawal the caller may make: one posting
 * written through the ledger's own writer (balance and postings agree), in this process on the attack
 * table. NOTE: the simulator's sub-merchant may not hold it, so WeChat Pay refuses the withdrawal and it
 * fails with the money back (the route still answers 201).
 */
async function creditedStore(i: FixtureInput): Promise<string> {
  if (!i.allowed) return mid(i);
  const { postingWrites } = await import('../../../functions/settlement/ledger');
  const { transact } = await import('../../../functions/lib/table-ops');
  await transact(postingWrites({ merchantId: mid(i), kind: 'released', reference: `attack-${ulid()}`, deltas: { available: 100 } }, new Date()));
  return mid(i);
}

/** Objects of another shopper that the shopper must not reach: 404, as for other merchants' objects. */
export const FOREIGN_OBJECTS: { route: string; request(w: World): Promise<RequestSpec> }[] = [
  {
    route: 'get-my-after-sale',
    request: async (w) => ({
      method: 'GET',
      path: `/me/after-sales/${(await w.shared('foreign-case', () => afterSaleCase(w, w.otherShopper, 'refund_only'))).id}`,
    }),
  },
  {
    route: 'cancel-my-after-sale',
    request: async (w) => ({
      method: 'POST',
      path: `/me/after-sales/${(await w.shared('foreign-case', () => afterSaleCase(w, w.otherShopper, 'refund_only'))).id}/cancel`,
      body: {},
    }),
  },
  { route: 'get-my-order', request: async (w) => ({ method: 'GET', path: `/me/orders/${(await placedBy(w, w.otherShopper, 'foreign')).orders[0]!.id}` }) },
  { route: 'get-checkout', request: async (w) => ({ method: 'GET', path: `/me/checkouts/${(await placedBy(w, w.otherShopper, 'foreign')).checkout.id}` }) },
  {
    route: 'start-payment',
    request: async (w) => ({
      method: 'POST',
      path: `/me/checkouts/${(await placedBy(w, w.otherShopper, 'foreign')).checkout.id}/pay`,
      body: { channel: 'wechat_h5' },
    }),
  },
  {
    route: 'sync-payment',
    request: async (w) => ({ method: 'POST', path: `/me/checkouts/${(await placedBy(w, w.otherShopper, 'foreign')).checkout.id}/sync-payment` }),
  },
  {
    route: 'cancel-my-order',
    request: async (w) => ({ method: 'POST', path: `/me/orders/${(await placedBy(w, w.otherShopper, 'foreign')).orders[0]!.id}/cancel`, body: {} }),
  },
  {
    route: 'update-address',
    request: async (w) => ({
      method: 'PUT',
      path: `/me/addresses/${(await w.ok<{ id: string }>(w.otherShopper, { method: 'POST', path: '/me/addresses', body: ATTACK_ADDRESS }, 'create address')).id}`,
      body: ATTACK_ADDRESS,
    }),
  },
  {
    route: 'delete-address',
    request: async (w) => ({
      method: 'DELETE',
      path: `/me/addresses/${(await w.ok<{ id: string }>(w.otherShopper, { method: 'POST', path: '/me/addresses', body: ATTACK_ADDRESS }, 'create address')).id}`,
    }),
  },
  {
    route: 'create-review',
    request: async (w) => {
      const { orderId, skuId } = await w.shared(`completed:${w.otherShopper.userId}`, () => completedOrder(w, w.otherShopper, 'shared'));
      return { method: 'POST', path: `/me/orders/${orderId}/reviews`, body: { ...REVIEW_BODY, skuId } };
    },
  },
  { route: 'get-my-application', request: async (w) => ({ method: 'GET', path: `/merchant-applications/${await ownApplication(w, w.otherShopper)}` }) },
  {
    route: 'resubmit-application',
    request: async (w) => ({
      method: 'PUT',
      path: `/merchant-applications/${await ownApplication(w, w.otherShopper)}`,
      body: await applicationInput(w, w.session('shopper')!),
    }),
  },
];
