/**
 * Reconciliation of the merchant ledger (ADR 0063), over the scan snapshot of functions/ops/reconcile.ts:
 *
 * - `merchant-balances`: every merchant's balance item (pending, available, withdrawn) equals the sum of
 *   its postings, and a merchant with postings has a balance item;
 * - `merchant-posting-references`: every posting has exactly one reference item pointing at it (a
 *   payment, refund, fee, release or withdrawal posted once).
 */
import { keys, keyText } from '../lib/keys';
import type { Check, Difference } from './reconcile';

type Item = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

export const merchantBalances: Check = {
  name: 'merchant-balances',
  invariant: "every merchant's balance (pending, available, withdrawn) is the sum of its postings",
  run: (s) => {
    const sums = new Map<string, { pending: number; available: number; withdrawn: number }>();
    for (const p of s.ofEntity('MerchantPosting')) {
      const m = str(p.merchantId);
      const sum = sums.get(m) ?? { pending: 0, available: 0, withdrawn: 0 };
      sums.set(m, { pending: sum.pending + num(p.pending), available: sum.available + num(p.available), withdrawn: sum.withdrawn + num(p.withdrawn) });
    }
    const out: Difference[] = [];
    const balances = new Map<string, Item>(s.ofEntity('MerchantBalance').map((b) => [str(b.merchantId), b]));
    for (const [m, b] of balances) {
      const sum = sums.get(m) ?? { pending: 0, available: 0, withdrawn: 0 };
      for (const f of ['pending', 'available', 'withdrawn'] as const) {
        if (num(b[f]) !== sum[f]) out.push({ key: keyText(keys.merchantBalance(m)), detail: `${f} is ${num(b[f])}, its postings sum to ${sum[f]}` });
      }
    }
    for (const m of sums.keys()) if (!balances.has(m)) out.push({ key: keyText(keys.merchantBalance(m)), detail: 'postings without a balance item' });
    return out;
  },
};

export const merchantPostingReferences: Check = {
  name: 'merchant-posting-references',
  invariant: 'every merchant posting has exactly one reference item, and every reference names an existing posting',
  run: (s) => {
    const out: Difference[] = [];
    const referenced = new Map<string, number>();
    for (const r of s.ofEntity('MerchantPostingReference')) {
      const k = keyText(keys.merchantPosting(str(r.merchantId), str(r.postingId)));
      referenced.set(k, (referenced.get(k) ?? 0) + 1);
      if (!s.get(keys.merchantPosting(str(r.merchantId), str(r.postingId))))
        out.push({ key: keyText(r), detail: `posting ${str(r.postingId)} does not exist` });
    }
    for (const p of s.ofEntity('MerchantPosting')) {
      const k = keyText(keys.merchantPosting(str(p.merchantId), str(p.id)));
      const n = referenced.get(k) ?? 0;
      if (n !== 1) out.push({ key: k, detail: `${n} reference items for ${str(p.kind)} ${str(p.reference)}` });
    }
    return out;
  },
};
