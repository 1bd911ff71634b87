/**
 * Reconciliation: named checks of invariants that span items, run over a scan of the whole table.
 * `scripts/reconcile.ts` runs it from a terminal (and `npm test`'s fault suite after killing the API);
 * `handler` runs it as a scheduled function. Differences are reported, never repaired: each one is a
 * bug or an interrupted write to look at.
 *
 * Add a domain's invariant as one more `Check` in CHECKS (orders <-> payments and stock <-> reservations
 * are in reconcile-orders.ts, ADR 0053). A check either reads the scan snapshot or re-reads what it needs itself.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../lib/table';
import { logger } from '../lib/logger';
import { keys, keyText, parseKey, type IdentityProvider, type Key } from '../lib/keys';
import { businessDay } from '../events/count-signups';
import { checkStockReconciles } from '../catalog/stock';
import { effectReference } from '../lib/idempotency';
import { ordersPayments, stockReservations } from './reconcile-orders';
import { merchantBalances, merchantPostingReferences } from './reconcile-ledger';

type Item = Record<string, unknown>;

/** The metric the count-signups consumer keeps (`keys.dailyStat(day, 'signups')`). */
const SIGNUPS = 'signups';

export interface Difference {
  /** The item (PK|SK) or aggregate (e.g. a day) that does not reconcile. */
  key: string;
  detail: string;
}

/** One scan of the table, with the lookups most checks need. */
export interface Snapshot {
  items: Item[];
  get(key: Key): Item | undefined;
  get(pk: string, sk: string): Item | undefined;
  ofEntity(entity: string): Item[];
}

export interface Check {
  name: string;
  /** The invariant, in one sentence. */
  invariant: string;
  /** Maintained asynchronously (stream consumers): differences may be lag, so they are re-checked until the settle time runs out. */
  eventual?: boolean;
  run(snapshot: Snapshot): Promise<Difference[]> | Difference[];
}

export interface CheckResult {
  name: string;
  invariant: string;
  differences: Difference[];
  ms: number;
}

export interface Report {
  table: string;
  items: number;
  startedAt: string;
  results: CheckResult[];
  ok: boolean;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const keyOf = (i: Item): string => keyText(i);

/** Scans every item (4 parallel segments, consistent reads). */
export async function scanTable(segments = 4): Promise<Snapshot> {
  const pages = await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      const items: Item[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await db().send(
          new ScanCommand({ TableName: tableName(), Segment: segment, TotalSegments: segments, ExclusiveStartKey: start, ConsistentRead: true }),
        );
        items.push(...((out.Items ?? []) as Item[]));
        start = out.LastEvaluatedKey;
      } while (start);
      return items;
    }),
  );
  const items = pages.flat();
  const byKey = new Map(items.map((i) => [keyOf(i), i]));
  const byEntity = new Map<string, Item[]>();
  for (const i of items) {
    const e = str(i.entity);
    byEntity.set(e, [...(byEntity.get(e) ?? []), i]);
  }
  const get = (key: Key | string, sk?: string): Item | undefined => byKey.get(typeof key === 'string' ? keyText({ PK: key, SK: sk }) : keyText(key));
  return { items, get, ofEntity: (e) => byEntity.get(e) ?? [] };
}

const userProfile = (s: Snapshot, userId: string): Item | undefined => s.get(keys.user(userId));
const userRoles = (user: Item | undefined): { platform?: string; merchants?: Record<string, string> } =>
  (user?.roles ?? {}) as { platform?: string; merchants?: Record<string, string> };

/** Every login method belongs to exactly one account, seen from both sides. */
const identityLookups: Check = {
  name: 'identity-lookups',
  invariant: 'every IDENTITY#<provider>#<subject> lookup names an existing account whose partition holds the matching IDENTITY# item',
  run: (s) =>
    s.ofEntity('IdentityLookup').flatMap((lookup) => {
      const userId = str(lookup.userId);
      if (!userProfile(s, userId)) return [{ key: keyOf(lookup), detail: `account ${userId} does not exist` }];
      const mirror = s.get(keys.userIdentity(userId, str(lookup.provider) as IdentityProvider, str(lookup.subject)));
      return mirror ? [] : [{ key: keyOf(lookup), detail: `account ${userId} has no IDENTITY#${str(lookup.provider)}#${str(lookup.subject)} item` }];
    }),
};

const userIdentities: Check = {
  name: 'user-identities',
  invariant: 'every account has at least one login method, and each of its IDENTITY# items has the lookup item naming it',
  run: (s) => {
    const differences: Difference[] = [];
    const withIdentity = new Set<string>();
    for (const identity of s.ofEntity('Identity')) {
      const userId = parseKey.userId(str(identity.PK)) ?? '';
      withIdentity.add(userId);
      const lookup = s.get(keys.identity(str(identity.provider) as IdentityProvider, str(identity.subject)));
      if (!lookup) differences.push({ key: keyOf(identity), detail: 'no lookup item for this login method' });
      else if (str(lookup.userId) !== userId) differences.push({ key: keyOf(identity), detail: `the lookup item names account ${str(lookup.userId)}` });
    }
    for (const user of s.ofEntity('User'))
      if (!withIdentity.has(str(user.id))) differences.push({ key: keyOf(user), detail: 'an account without any login method' });
    return differences;
  },
};

const merchantStaff: Check = {
  name: 'merchant-staff',
  invariant: "every MERCHANT#/STAFF# item matches the role in its account's roles.merchants, and every roles.merchants entry has its STAFF# item",
  run: (s) => {
    const differences: Difference[] = [];
    for (const staff of s.ofEntity('MerchantStaff')) {
      const merchantId = str(staff.merchantId);
      const user = userProfile(s, str(staff.userId));
      const role = userRoles(user).merchants?.[merchantId];
      if (!user) differences.push({ key: keyOf(staff), detail: `account ${str(staff.userId)} does not exist` });
      else if (role !== staff.role)
        differences.push({ key: keyOf(staff), detail: `staff item says ${str(staff.role)}, the account's roles say ${role ?? 'nothing'}` });
      if (!s.get(keys.merchant(merchantId))) differences.push({ key: keyOf(staff), detail: `merchant ${merchantId} does not exist` });
    }
    for (const user of s.ofEntity('User')) {
      for (const [merchantId, role] of Object.entries(userRoles(user).merchants ?? {})) {
        const staff = s.get(keys.merchantStaff(merchantId, str(user.id)));
        if (!staff) differences.push({ key: keyOf(user), detail: `roles.merchants names ${merchantId} (${role}) but there is no STAFF# item` });
      }
    }
    return differences;
  },
};

const platformRoles: Check = {
  name: 'platform-roles',
  invariant: "every PLATFORM_ROLE item matches its account's roles.platform, and every roles.platform has its PLATFORM_ROLE item",
  run: (s) => {
    const differences: Difference[] = [];
    for (const item of s.ofEntity('PlatformRole')) {
      const user = userProfile(s, str(item.userId));
      if (userRoles(user).platform !== item.role)
        differences.push({ key: keyOf(item), detail: `role item says ${str(item.role)}, the account says ${userRoles(user).platform ?? 'nothing'}` });
    }
    for (const user of s.ofEntity('User')) {
      const role = userRoles(user).platform;
      if (role && !s.get(keys.platformRole(str(user.id))))
        differences.push({ key: keyOf(user), detail: `roles.platform is ${role} but there is no PLATFORM_ROLE item` });
    }
    return differences;
  },
};

const signupCounters: Check = {
  name: 'signup-counters',
  invariant:
    'the signups counter of a day (STATS#<day>/signups) equals the number of accounts created that business day (kept by the count-signups stream consumer)',
  eventual: true,
  run: (s) => {
    const created = new Map<string, number>();
    for (const user of s.ofEntity('User')) {
      const day = businessDay(str(user.createdAt));
      created.set(day, (created.get(day) ?? 0) + 1);
    }
    const counted = new Map<string, number>();
    for (const stat of s.ofEntity('DailyStat')) {
      const day = parseKey.dailyStatDay(str(stat.PK));
      if (day !== undefined && stat.SK === keys.dailyStat(day, SIGNUPS).SK) counted.set(day, Number(stat.total ?? 0));
    }
    const days = [...new Set([...created.keys(), ...counted.keys()])].sort();
    return days
      .filter((day) => (created.get(day) ?? 0) !== (counted.get(day) ?? 0))
      .map((day) => ({ key: keyText(keys.dailyStat(day, SIGNUPS)), detail: `${created.get(day) ?? 0} account(s) created, ${counted.get(day) ?? 0} counted` }));
  },
};

const stock: Check = {
  name: 'stock',
  invariant: "every SKU's stock equals the sum of its postings and is never negative",
  run: async () =>
    (await checkStockReconciles()).map((m) => ({
      key: keyText(keys.productSku(m.productId, m.skuId)),
      detail: `stock ${m.stock}, postings sum to ${m.postingsSum}`,
    })),
};

const productStockFlags: Check = {
  name: 'product-stock-flags',
  invariant: "every product's stockedSkuCount and inStock match its enabled SKUs with stock > 0",
  run: (s) => {
    const stocked = new Map<string, number>();
    for (const sku of s.ofEntity('Sku'))
      if (sku.enabled === true && sku.removed !== true && Number(sku.stock) > 0) stocked.set(str(sku.productId), (stocked.get(str(sku.productId)) ?? 0) + 1);
    return s.ofEntity('Product').flatMap((p) => {
      const n = stocked.get(str(p.id)) ?? 0;
      return Number(p.stockedSkuCount ?? 0) === n && Boolean(p.inStock) === n > 0
        ? []
        : [{ key: keyOf(p), detail: `stockedSkuCount ${String(p.stockedSkuCount)}, inStock ${String(p.inStock)}; SKUs in stock: ${n}` }];
    });
  },
};

const stockReferences: Check = {
  name: 'stock-references',
  invariant: 'every applied order/cancel/return reference points at the posting it wrote',
  run: (s) =>
    s
      .ofEntity('StockReference')
      .flatMap((ref) =>
        s.get(keys.stockPosting(str(ref.skuId), str(ref.postingId))) ? [] : [{ key: keyOf(ref), detail: `posting ${str(ref.postingId)} does not exist` }],
      ),
};

/** A posting applied twice has a twin: same SKU, same reason, same (non-null) reference. */
export const postingsOncePerReference: Check = {
  name: 'postings-once-per-reference',
  invariant: 'no SKU has two postings with the same reason and reference (an order, a return, a request applied twice)',
  run: (s) => {
    const seen = new Map<string, string[]>();
    for (const p of s.ofEntity('StockPosting')) {
      if (typeof p.reference !== 'string' || p.reference === '') continue;
      const k = `${str(p.skuId)} ${str(p.reason)} ${p.reference}`;
      seen.set(k, [...(seen.get(k) ?? []), str(p.id)]);
    }
    return [...seen.entries()]
      .filter(([, ids]) => ids.length > 1)
      .map(([k, ids]) => ({
        key: keyText(keys.stockPosting(k.split(' ')[0]!, ids[0]!)),
        detail: `${ids.length} postings for one reference (${k.split(' ').slice(1).join(' ')}): ${ids.join(', ')}`,
      }));
  },
};

/**
 * Acknowledged stock requests against postings: every completed Idempotency-Key record of
 * adjust-sku-stock answered with exactly the one posting that carries its reference, and no
 * request's reference has more postings than one.
 */
export const acknowledgedStockRequests: Check = {
  name: 'acknowledged-stock-requests',
  invariant: 'every acknowledged stock adjustment (completed Idempotency-Key record) has exactly one posting, the one it answered with',
  run: (s) => {
    const byReference = new Map<string, Item[]>();
    for (const p of s.ofEntity('StockPosting'))
      if (typeof p.reference === 'string' && p.reference.startsWith('idempotency:')) byReference.set(p.reference, [...(byReference.get(p.reference) ?? []), p]);
    return s.ofEntity('IdempotencyRecord').flatMap((r) => {
      const [, route, caller, key] = str(r.PK).split('#');
      if (route !== 'adjust-sku-stock' || r.status !== 'completed' || Number(r.responseStatus) !== 201 || !caller || !key) return [];
      const reference = `idempotency:${effectReference({ route, caller, key, request: null })}`;
      const postings = byReference.get(reference) ?? [];
      let answered = '';
      try {
        answered = str((JSON.parse(str(r.responseBody)) as { id?: unknown }).id);
      } catch {
        answered = '';
      }
      if (postings.length !== 1) return [{ key: keyOf(r), detail: `acknowledged once, ${postings.length} posting(s) carry its reference` }];
      return str(postings[0]!.id) === answered ? [] : [{ key: keyOf(r), detail: `answered with posting ${answered}, the table has ${str(postings[0]!.id)}` }];
    });
  },
};

const categoryProducts: Check = {
  name: 'category-products',
  invariant: "every category's productCount equals the products filed under it, and products are filed under existing leaf categories",
  run: (s) => {
    const filed = new Map<string, number>();
    for (const p of s.ofEntity('Product')) filed.set(str(p.categoryId), (filed.get(str(p.categoryId)) ?? 0) + 1);
    const categories = s.ofEntity('Category');
    const known = new Set(categories.map((c) => str(c.id)));
    const counts = categories.flatMap((c) => {
      const n = filed.get(str(c.id)) ?? 0;
      const counted = Number(c.productCount ?? 0);
      const problems = counted === n ? [] : [{ key: keyOf(c), detail: `productCount ${counted}, products filed: ${n}` }];
      return n > 0 && Number(c.childCount ?? 0) > 0
        ? [...problems, { key: keyOf(c), detail: `${n} product(s) filed under a category with subcategories` }]
        : problems;
    });
    const orphans = [...filed.keys()]
      .filter((id) => !known.has(id))
      .map((id) => ({ key: keyText(keys.category(id)), detail: `${filed.get(id)} product(s) filed under a category that does not exist` }));
    return [...counts, ...orphans];
  },
};

/** Verified payments we could not apply (ADR 0046): nothing changed, but each one is for a person to look at. */
const paymentAnomalies: Check = {
  name: 'payment-anomalies',
  invariant: 'no verified payment names a checkout we do not have, or amounts and sub-merchants that are not its own',
  run: (s) => s.ofEntity('PaymentAnomaly').map((a) => ({ key: keyOf(a), detail: `${str(a.source)} for checkout ${str(a.checkoutId)}: ${str(a.reason)}` })),
};

/** A late payment waits for its refund in the queue (AP82) until it is refunded, and only then leaves it. */
const lateRefunds: Check = {
  name: 'late-payment-refunds',
  invariant: 'every LatePayment still to refund is queued (AP82), and every queued one is still to refund',
  run: (s) => {
    const pending = s.ofEntity('LatePayment').filter((l) => l.status === 'refund_pending');
    const missing = pending
      .filter((l) => !s.get(keys.pendingRefund(str(l.checkoutId), str(l.transactionId))))
      .map((l) => ({ key: keyOf(l), detail: 'refund_pending but not in the refund queue' }));
    const stale = s.ofEntity('PendingRefund').flatMap((q) => {
      const late = s.get(keys.latePayment(str(q.checkoutId), str(q.transactionId)));
      return late?.status === 'refund_pending' ? [] : [{ key: keyOf(q), detail: `queued, but the late payment is ${late ? str(late.status) : 'missing'}` }];
    });
    return [...missing, ...stale];
  },
};

/** Commission (ADR 0066): a distributor's balance is derived from its postings, each posted once by its reference. */
const commissionBalances: Check = {
  name: 'commission-balances',
  invariant: "every distributor's pending and available balances equal the sums of their postings, and every posting has its reference",
  run: (s) => {
    const sums = new Map<string, { pending: number; available: number }>();
    const differences: Difference[] = [];
    for (const p of s.ofEntity('CommissionPosting')) {
      const who = str(p.distributorId);
      const sum = sums.get(who) ?? { pending: 0, available: 0 };
      const amount = Number((p.amount as { amount?: number } | undefined)?.amount ?? 0);
      if (p.state === 'available') sum.available += amount;
      else sum.pending += amount;
      sums.set(who, sum);
      if (!s.get(keys.commissionReference(who, str(p.reference)))) differences.push({ key: keyOf(p), detail: `no reference item for ${str(p.reference)}` });
    }
    for (const b of s.ofEntity('CommissionBalance')) {
      const sum = sums.get(str(b.distributorId)) ?? { pending: 0, available: 0 };
      sums.delete(str(b.distributorId));
      if (Number(b.pending) !== sum.pending || Number(b.available) !== sum.available)
        differences.push({
          key: keyOf(b),
          detail: `balance ${Number(b.pending)}/${Number(b.available)}, postings ${sum.pending}/${sum.available} (pending/available)`,
        });
    }
    for (const [who, sum] of sums)
      differences.push({ key: keyText(keys.commissionBalance(who)), detail: `postings ${sum.pending}/${sum.available} but no balance item` });
    return differences;
  },
};

/** Every check, in report order. */
export const CHECKS: Check[] = [
  identityLookups,
  userIdentities,
  platformRoles,
  merchantStaff,
  signupCounters,
  stock,
  productStockFlags,
  stockReferences,
  postingsOncePerReference,
  acknowledgedStockRequests,
  categoryProducts,
  paymentAnomalies,
  lateRefunds,
  ordersPayments,
  stockReservations,
  merchantBalances,
  merchantPostingReferences,
  commissionBalances,
];

async function runChecks(checks: Check[], snapshot: Snapshot): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    const started = Date.now();
    results.push({ name: check.name, invariant: check.invariant, differences: await check.run(snapshot), ms: Date.now() - started });
  }
  return results;
}

/**
 * Scans the table and runs the checks. A difference may be a write in flight while the table was
 * scanned, or stream lag: while `settleMs` lasts, failing checks are run again on a fresh scan, and
 * only what is still different at the end is reported.
 */
export async function reconcile(options: { checks?: Check[]; settleMs?: number } = {}): Promise<Report> {
  const checks = options.checks ?? CHECKS;
  const startedAt = new Date().toISOString();
  const deadline = Date.now() + (options.settleMs ?? 10_000);
  let snapshot = await scanTable();
  let results = await runChecks(checks, snapshot);
  while (results.some((r) => r.differences.length > 0) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    snapshot = await scanTable();
    const again = await runChecks(
      checks.filter((c) => results.find((r) => r.name === c.name)!.differences.length > 0),
      snapshot,
    );
    results = results.map((r) => again.find((a) => a.name === r.name) ?? r);
  }
  return { table: tableName(), items: snapshot.items.length, startedAt, results, ok: results.every((r) => r.differences.length === 0) };
}

export function formatReport(report: Report, maxPerCheck = 20): string {
  const lines = [`Reconciliation of ${report.table} (${report.items} items, ${report.startedAt})`];
  for (const r of report.results) {
    lines.push(`  ${r.differences.length === 0 ? 'ok  ' : 'DIFF'} ${r.name.padEnd(22)} ${r.differences.length} difference(s)  ${r.ms} ms  - ${r.invariant}`);
    for (const d of r.differences.slice(0, maxPerCheck)) lines.push(`         ${d.key}: ${d.detail}`);
    if (r.differences.length > maxPerCheck) lines.push(`         ... and ${r.differences.length - maxPerCheck} more`);
  }
  lines.push(report.ok ? 'Everything reconciles.' : `${report.results.reduce((n, r) => n + r.differences.length, 0)} difference(s).`);
  return lines.join('\n');
}

/** Scheduled: logs the report; differences are an ERROR log line (alarm on it). */
export const handler = async (): Promise<Report> => {
  const report = await reconcile({ settleMs: 30_000 });
  if (report.ok) logger.info('reconciliation ok', { items: report.items });
  else logger.error('reconciliation found differences', { results: report.results.filter((r) => r.differences.length > 0) });
  return report;
};
