import type { CartView, Preview, PricedStore } from '@wxshop/shared';
import { validate } from '../../../miniapp/src/checkout/lib/address-form';
import { createAttempts } from '../../../miniapp/src/checkout/lib/attempt';
import { previewChanges } from '../../../miniapp/src/checkout/lib/changes';
import { parseBuyParam, selectedCartLines } from '../../../miniapp/src/checkout/lib/lines';
import { isLeaf, pathTo, type RegionNode } from '../../../miniapp/src/checkout/lib/region-tree';

const cny = (amount: number) => ({ amount, currency: 'CNY' as const });
const P = '01JP0000000000000000000001';
const S1 = '01JS0000000000000000000001';
const S2 = '01JS0000000000000000000002';
const M = '01HZZZZZZZZZZZZZZZZZZZZZZA';

function store(unit1: number, unit2: number, shipping: number): PricedStore {
  const line = (skuId: string, unit: number) => ({
    productId: P,
    skuId,
    title: `T${skuId.slice(-1)}`,
    specValues: [],
    imageKey: null,
    quantity: 1,
    unitPrice: cny(unit),
    lineTotal: cny(unit),
  });
  return {
    merchantId: M,
    storeName: 'Jade',
    lines: [line(S1, unit1), line(S2, unit2)],
    subtotal: cny(unit1 + unit2),
    shipping: cny(shipping),
    adjustments: [],
    total: cny(unit1 + unit2 + shipping),
  };
}
const preview = (s: PricedStore): Preview => ({
  stores: [s],
  subtotal: s.subtotal,
  shipping: s.shipping,
  total: s.total,
  problems: [],
  fingerprint: 'f'.repeat(16),
});

describe('checkout attempts (Idempotency-Key per attempt)', () => {
  it('reuses the key when the same body is sent again and takes a new one when the body changes or the attempt succeeded', () => {
    let n = 0;
    const attempts = createAttempts(() => `k${++n}`);
    const body = { addressId: 'a', lines: [{ skuId: S1, quantity: 1 }], fingerprint: 'x' };
    expect(attempts.keyFor(body)).toBe('k1');
    expect(attempts.keyFor({ ...body })).toBe('k1');
    expect(attempts.keyFor({ ...body, fingerprint: 'y' })).toBe('k2');
    attempts.done();
    expect(attempts.keyFor({ ...body, fingerprint: 'y' })).toBe('k3');
  });
});

describe('what changed between two previews (409 price_changed)', () => {
  it('names the repriced line, the store whose shipping changed and the new total', () => {
    expect(previewChanges(preview(store(1000, 500, 800)), preview(store(1200, 500, 0)))).toEqual([
      { kind: 'price', skuId: S1, title: 'T1', from: cny(1000), to: cny(1200) },
      { kind: 'shipping', merchantId: M, storeName: 'Jade', from: cny(800), to: cny(0) },
      { kind: 'total', from: cny(2300), to: cny(1700) },
    ]);
  });

  it('names a line the new preview no longer prices, and nothing when nothing changed', () => {
    const after = store(1000, 500, 800);
    after.lines = after.lines.slice(0, 1);
    after.total = cny(1800);
    expect(previewChanges(preview(store(1000, 500, 800)), preview(after))).toEqual([
      { kind: 'gone', skuId: S2, title: 'T2' },
      { kind: 'total', from: cny(2300), to: cny(1800) },
    ]);
    expect(previewChanges(preview(store(1000, 500, 800)), preview(store(1000, 500, 800)))).toEqual([]);
  });
});

describe('checkout lines', () => {
  it('takes the selected cart lines that can still be bought (a short line goes, the preview names it; a sold-out one stays behind)', () => {
    const line = (skuId: string, selected: boolean, kinds: string[]) => ({
      skuId,
      productId: P,
      merchantId: M,
      title: 't',
      specValues: [],
      imageKey: null,
      imageUrl: null,
      quantity: 2,
      selected,
      price: cny(100),
      seenPrice: cny(100),
      stock: 5,
      purchasable: kinds.length === 0,
      changes: kinds.map((kind) =>
        kind === 'insufficient_stock' ? { kind, available: 1 } : { kind },
      ) as CartView['stores'][number]['lines'][number]['changes'],
      addedAt: '2026-12-01T00:00:00.000Z',
    });
    const cart: CartView = {
      stores: [
        {
          merchantId: M,
          storeName: 'Jade',
          lines: [
            line(S1, true, []),
            line(S2, true, ['sold_out']),
            line('01JS0000000000000000000003', false, []),
            line('01JS0000000000000000000004', true, ['insufficient_stock']),
          ],
        },
      ],
      lineCount: 4,
      selectedCount: 3,
    };
    expect(selectedCartLines(cart)).toEqual([
      { productId: P, skuId: S1, merchantId: M, quantity: 2 },
      { productId: P, skuId: '01JS0000000000000000000004', merchantId: M, quantity: 2 },
    ]);
  });

  it('reads "buy now" as product.sku.quantity and refuses anything else', () => {
    expect(parseBuyParam(`${P}.${S1}.3`)).toEqual({ productId: P, skuId: S1, quantity: 3 });
    expect(parseBuyParam(`${P}.${S1}.0`)).toBeNull();
    expect(parseBuyParam(`${P}.${S1}`)).toBeNull();
    expect(parseBuyParam(undefined)).toBeNull();
  });
});

describe('region tree', () => {
  const tree: RegionNode[] = [
    { c: '110000', n: '北京市', d: [{ c: '110101', n: '东城区' }] },
    {
      c: '440000',
      n: '广东省',
      d: [
        { c: '441900', n: '东莞市' },
        { c: '440100', n: '广州市', d: [{ c: '440106', n: '天河区' }] },
      ],
    },
  ];
  it('finds the path to a district, a city without districts and a municipality district', () => {
    expect(pathTo(tree, '440106').map((n) => n.c)).toEqual(['440000', '440100', '440106']);
    expect(pathTo(tree, '441900').map((n) => n.c)).toEqual(['440000', '441900']);
    expect(pathTo(tree, '110101').map((n) => n.c)).toEqual(['110000', '110101']);
    expect(pathTo(tree, '999999')).toEqual([]);
    expect(isLeaf(tree[1]!.d![0]!)).toBe(true);
    expect(isLeaf(tree[1]!)).toBe(false);
  });
});

describe('address form', () => {
  const form = {
    recipient: ' 林晓 ',
    phone: '139 1234 5678',
    regionCode: '330106',
    regionText: '',
    detail: '文三路 90 号',
    postalCode: '',
    label: '家',
    isDefault: true,
  };
  it('sends what the API accepts, trimmed, without empty optional fields', () => {
    expect(validate(form)).toEqual({
      input: { recipient: '林晓', phone: '13912345678', country: 'CN', regionCode: '330106', detail: '文三路 90 号', label: '家', isDefault: true },
    });
  });
  it('names each failing field with its message', () => {
    expect(validate({ ...form, recipient: '', phone: '12345', regionCode: '', postalCode: '12' })).toEqual({
      errors: { recipient: 'checkout.err_recipient', phone: 'checkout.err_phone', regionCode: 'checkout.err_region', postalCode: 'checkout.err_postal' },
    });
  });
});
