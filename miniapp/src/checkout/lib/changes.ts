import type { Money, Preview } from '@wxshop/shared';

export type PreviewChange =
  | { kind: 'price'; skuId: string; title: string; from: Money; to: Money }
  | { kind: 'shipping'; merchantId: string; storeName: string; from: Money; to: Money }
  | { kind: 'gone'; skuId: string; title: string }
  | { kind: 'total'; from: Money; to: Money };

const same = (a: Money, b: Money): boolean => a.amount === b.amount && a.currency === b.currency;

/**
 * What changed between the preview the shopper saw and the one the server answered with its 409:
 * unit prices, each store's shipping, lines no longer priced, and the total (last).
 */
export function previewChanges(before: Preview, after: Preview): PreviewChange[] {
  const out: PreviewChange[] = [];
  const lines = new Map(after.stores.flatMap((s) => s.lines.map((l) => [l.skuId, l] as const)));
  const stores = new Map(after.stores.map((s) => [s.merchantId, s] as const));
  for (const store of before.stores) {
    for (const line of store.lines) {
      const now = lines.get(line.skuId);
      if (!now) out.push({ kind: 'gone', skuId: line.skuId, title: line.title });
      else if (!same(now.unitPrice, line.unitPrice)) out.push({ kind: 'price', skuId: line.skuId, title: line.title, from: line.unitPrice, to: now.unitPrice });
    }
    const nowStore = stores.get(store.merchantId);
    if (nowStore && !same(nowStore.shipping, store.shipping))
      out.push({ kind: 'shipping', merchantId: store.merchantId, storeName: store.storeName, from: store.shipping, to: nowStore.shipping });
  }
  if (!same(before.total, after.total)) out.push({ kind: 'total', from: before.total, to: after.total });
  return out;
}
