import { acknowledgedStockRequests, postingsOncePerReference, type Snapshot } from '../../functions/ops/reconcile';
import { effectReference } from '../../functions/lib/idempotency';

type Item = Record<string, unknown>;
const snapshot = (items: Item[]): Snapshot => ({
  items,
  get: ((key: { PK: string; SK: string } | string, sk?: string) =>
    typeof key === 'string' ? items.find((i) => i.PK === key && i.SK === sk) : items.find((i) => i.PK === key.PK && i.SK === key.SK)) as Snapshot['get'],
  ofEntity: (e) => items.filter((i) => i.entity === e),
});

const reference = `idempotency:${effectReference({ route: 'adjust-sku-stock', caller: 'U1', key: 'key-0001', request: null })}`;
const posting = (id: string, ref: string | null, reason = 'adjustment'): Item => ({
  PK: 'STOCK#S1',
  SK: `POSTING#${id}`,
  entity: 'StockPosting',
  id,
  skuId: 'S1',
  reason,
  reference: ref,
});
const record = (answered: string): Item => ({
  PK: 'IDEMPOTENCY#adjust-sku-stock#U1#key-0001',
  SK: 'IDEMPOTENCY',
  entity: 'IdempotencyRecord',
  status: 'completed',
  responseStatus: 201,
  responseBody: JSON.stringify({ id: answered }),
});

describe('reconciliation catches a double application', () => {
  it('postings-once-per-reference: two postings of one SKU for one reference differ; unreferenced manual postings do not', () => {
    expect(postingsOncePerReference.run(snapshot([posting('P1', reference), posting('P2', null), posting('P3', null)]))).toEqual([]);
    expect(postingsOncePerReference.run(snapshot([posting('P1', 'ORDER-1', 'order'), posting('P2', 'ORDER-1', 'cancel')]))).toEqual([]);
    const twice = postingsOncePerReference.run(snapshot([posting('P1', 'ORDER-1', 'order'), posting('P2', 'ORDER-1', 'order')])) as { detail: string }[];
    expect(twice).toHaveLength(1);
    expect(twice[0]!.detail).toContain('P1, P2');
  });

  it('acknowledged-stock-requests: an acknowledged adjustment has exactly the one posting it answered with', () => {
    expect(acknowledgedStockRequests.run(snapshot([record('P1'), posting('P1', reference)]))).toEqual([]);
    expect(acknowledgedStockRequests.run(snapshot([record('P1'), posting('P1', reference), posting('P2', reference)]))).toHaveLength(1);
    expect(acknowledgedStockRequests.run(snapshot([record('P1')]))).toHaveLength(1);
    expect(acknowledgedStockRequests.run(snapshot([record('P9'), posting('P1', reference)]))).toHaveLength(1);
    // still running or crashed (in_progress): not acknowledged, not counted
    expect(acknowledgedStockRequests.run(snapshot([{ ...record('P1'), status: 'in_progress' }]))).toEqual([]);
  });
});
