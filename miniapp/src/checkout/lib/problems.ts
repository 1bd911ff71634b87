import type { MessageKey, Preview, PreviewProblem } from '@wxshop/shared';

/** A preview problem as a message key and its values (the line's title, the store's name). */
export function problemMessage(
  p: PreviewProblem,
  preview: Preview,
  titles: ReadonlyMap<string, string>,
): { key: MessageKey; vars: Record<string, string | number> } {
  const store = preview.stores.find((s) => s.merchantId === p.merchantId)?.storeName ?? '';
  const title = (p.skuId && titles.get(p.skuId)) || '';
  switch (p.kind) {
    case 'off_shelf':
      return { key: 'checkout.problem_off_shelf', vars: { title } };
    case 'insufficient_stock':
      return { key: 'checkout.problem_stock', vars: { title, count: p.available ?? 0 } };
    case 'not_deliverable':
      return { key: 'checkout.problem_not_deliverable', vars: { store } };
    case 'store_cannot_sell':
      return { key: 'checkout.problem_store', vars: { store } };
    case 'currency_mismatch':
      return { key: 'checkout.problem_currency', vars: {} };
  }
}
