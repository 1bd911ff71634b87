import type { RegionPath, ShippingTemplate } from '@wxshop/shared';
import { feeFor, priceCheckout, type PricingInput, type PricingProduct, type PricingSku } from '../../functions/orders/pricing';

const HANGZHOU: RegionPath = { provinceCode: '330000', province: '浙江省', cityCode: '330100', city: '杭州市', districtCode: '330106', district: '西湖区' };
const LHASA: RegionPath = { provinceCode: '540000', province: '西藏自治区', cityCode: '540100', city: '拉萨市', districtCode: '540102', district: '城关区' };
const BEIJING: RegionPath = { provinceCode: '110000', province: '北京市', cityCode: '110000', city: '北京市', districtCode: '110105', district: '朝阳区' };
const XINJIANG: RegionPath = { provinceCode: '650000', province: '新疆', cityCode: '650100', city: '乌鲁木齐市', districtCode: '650102', district: '天山区' };

const template = (over: Partial<ShippingTemplate>): ShippingTemplate => ({
  id: 'T1',
  merchantId: 'A',
  name: 'std',
  basis: 'count',
  defaultRule: { first: 1, firstFee: 800, additional: 1, additionalFee: 200 },
  regionRules: [],
  freeAbove: null,
  excludedRegions: [],
  isDefault: true,
  updatedAt: 'x',
  ...over,
});

const product = (id: string, merchantId: string, over: Partial<PricingProduct> = {}): PricingProduct => ({
  id,
  merchantId,
  title: { 'zh-CN': `商品${id}` },
  onSale: true,
  coverImageKey: null,
  weightGrams: 500,
  shippingTemplateId: null,
  ...over,
});
const sku = (id: string, productId: string, merchantId: string, price: number, stock = 100, over: Partial<PricingSku> = {}): PricingSku => ({
  id,
  productId,
  merchantId,
  price: { amount: price, currency: 'CNY' },
  stock,
  enabled: true,
  removed: false,
  specValues: [],
  imageKey: null,
  ...over,
});

function input(
  lines: [string, string, number][],
  opts: { templates?: Record<string, ShippingTemplate[]>; region?: RegionPath; products?: PricingProduct[]; skus?: PricingSku[] } = {},
): PricingInput {
  const products = opts.products ?? [product('P1', 'A'), product('P2', 'A'), product('P3', 'B')];
  const skus = opts.skus ?? [sku('S1', 'P1', 'A', 1990), sku('S2', 'P2', 'A', 500), sku('S3', 'P3', 'B', 12000)];
  return {
    lines: lines.map(([productId, skuId, quantity]) => ({ productId, skuId, quantity })),
    products: new Map(products.map((p) => [p.id, p])),
    skus: new Map(skus.map((s) => [s.id, s])),
    stores: new Map([
      ['A', { id: 'A', name: 'Store A', currency: 'CNY' as const, subMchid: '1900000101' }],
      ['B', { id: 'B', name: 'Store B', currency: 'CNY' as const, subMchid: '1900000102' }],
    ]),
    templates: new Map(
      Object.entries(
        opts.templates ?? {
          A: [template({})],
          B: [template({ id: 'TB', merchantId: 'B', defaultRule: { first: 2, firstFee: 0, additional: 1, additionalFee: 300 } })],
        },
      ),
    ),
    region: opts.region ?? HANGZHOU,
    lang: 'zh-CN',
  };
}

describe('feeFor', () => {
  it.each([
    // rule (first, firstFee, additional, additionalFee), units, fee
    [[1, 800, 1, 200], 1, 800],
    [[1, 800, 1, 200], 3, 1200],
    [[1000, 1000, 500, 300], 1000, 1000],
    [[1000, 1000, 500, 300], 1001, 1300],
    [[1000, 1000, 500, 300], 2600, 2200],
    [[2, 0, 1, 300], 0, 0],
  ] as [[number, number, number, number], number, number][])('rule %j for %i units costs %i', ([first, firstFee, additional, additionalFee], units, fee) => {
    expect(feeFor({ first, firstFee, additional, additionalFee }, units)).toBe(fee);
  });
});

describe('priceCheckout', () => {
  const sharedT = template({});
  const cases: { name: string; in: PricingInput; subtotals: number[]; shipping: number[]; total: number; problems?: string[] }[] = [
    { name: 'one line, default rule', in: input([['P1', 'S1', 1]]), subtotals: [1990], shipping: [800], total: 2790 },
    {
      name: 'two lines of one template add up units',
      in: input([
        ['P1', 'S1', 2],
        ['P2', 'S2', 1],
      ]),
      subtotals: [4480],
      shipping: [1200],
      total: 5680,
    },
    {
      name: 'two stores, each its own shipping',
      in: input([
        ['P1', 'S1', 1],
        ['P3', 'S3', 3],
      ]),
      subtotals: [1990, 36000],
      shipping: [800, 300],
      total: 1990 + 800 + 36000 + 300,
    },
    {
      name: 'free above an amount (reached)',
      in: input([['P1', 'S1', 3]], { templates: { A: [template({ freeAbove: 5000 })] } }),
      subtotals: [5970],
      shipping: [0],
      total: 5970,
    },
    {
      name: 'free above an amount (not reached)',
      in: input([['P1', 'S1', 2]], { templates: { A: [template({ freeAbove: 5000 })] } }),
      subtotals: [3980],
      shipping: [1000],
      total: 4980,
    },
    {
      name: 'a region group rule (province)',
      in: input([['P1', 'S1', 2]], {
        region: LHASA,
        templates: { A: [template({ regionRules: [{ regionCodes: ['540000', '650000'], first: 1, firstFee: 2000, additional: 1, additionalFee: 1000 }] })] },
      }),
      subtotals: [3980],
      shipping: [3000],
      total: 6980,
    },
    {
      name: 'the district rule beats the province rule',
      in: input([['P1', 'S1', 1]], {
        region: BEIJING,
        templates: {
          A: [
            template({
              regionRules: [
                { regionCodes: ['110000'], first: 1, firstFee: 600, additional: 1, additionalFee: 100 },
                { regionCodes: ['110105'], first: 1, firstFee: 0, additional: 1, additionalFee: 0 },
              ],
            }),
          ],
        },
      }),
      subtotals: [1990],
      shipping: [0],
      total: 1990,
    },
    {
      name: 'by weight: 3 x 500 g = 1500 g, first kg 1000, each further 500 g 300',
      in: input([['P1', 'S1', 3]], {
        templates: { A: [template({ basis: 'weight', defaultRule: { first: 1000, firstFee: 1000, additional: 500, additionalFee: 300 } })] },
      }),
      subtotals: [5970],
      shipping: [1300],
      total: 7270,
    },
    {
      name: 'a product naming its own template is priced by it; the others by the default',
      in: input(
        [
          ['P1', 'S1', 1],
          ['P2', 'S2', 1],
        ],
        {
          products: [product('P1', 'A', { shippingTemplateId: 'T2' }), product('P2', 'A')],
          templates: { A: [sharedT, template({ id: 'T2', isDefault: false, defaultRule: { first: 1, firstFee: 1500, additional: 1, additionalFee: 0 } })] },
        },
      ),
      subtotals: [2490],
      shipping: [1500 + 800],
      total: 2490 + 2300,
    },
    { name: 'a store without templates ships free', in: input([['P1', 'S1', 1]], { templates: {} }), subtotals: [1990], shipping: [0], total: 1990 },
    {
      name: 'a region not delivered to is a problem',
      in: input([['P1', 'S1', 1]], { region: XINJIANG, templates: { A: [template({ excludedRegions: ['650000'] })] } }),
      subtotals: [1990],
      shipping: [0],
      total: 1990,
      problems: ['not_deliverable:S1'],
    },
    {
      name: 'too little stock and off shelf are problems, still priced',
      in: input(
        [
          ['P1', 'S1', 5],
          ['P2', 'S2', 1],
        ],
        {
          products: [product('P1', 'A'), product('P2', 'A', { onSale: false })],
          skus: [sku('S1', 'P1', 'A', 1990, 4), sku('S2', 'P2', 'A', 500)],
        },
      ),
      subtotals: [10450],
      shipping: [1800],
      total: 12250,
      problems: ['insufficient_stock:S1', 'off_shelf:S2'],
    },
    {
      name: 'a SKU that is not of the named product is refused',
      in: input([['P2', 'S1', 1]]),
      subtotals: [],
      shipping: [],
      total: 0,
      problems: ['off_shelf:S1'],
    },
  ];

  it.each(cases)('$name', (c) => {
    const out = priceCheckout(c.in);
    expect(out.stores.map((s) => s.subtotal.amount)).toEqual(c.subtotals);
    expect(out.stores.map((s) => s.shipping.amount)).toEqual(c.shipping);
    expect(out.total).toEqual({ amount: c.total, currency: 'CNY' });
    expect(out.subtotal.amount + out.shipping.amount).toBe(c.total);
    expect(out.problems.map((p) => `${p.kind}:${p.skuId}`)).toEqual(c.problems ?? []);
  });

  it('a store without a WeChat Pay sub-merchant cannot sell', () => {
    const i = input([['P1', 'S1', 1]]);
    i.stores.set('A', { id: 'A', name: 'Store A', currency: 'CNY', subMchid: null });
    expect(priceCheckout(i).problems).toEqual([{ kind: 'store_cannot_sell', skuId: null, merchantId: 'A' }]);
  });

  it('the fingerprint changes with a price, a quantity or the region, and not otherwise', () => {
    const base = priceCheckout(input([['P1', 'S1', 1]])).fingerprint;
    expect(priceCheckout(input([['P1', 'S1', 1]])).fingerprint).toBe(base);
    expect(priceCheckout(input([['P1', 'S1', 2]])).fingerprint).not.toBe(base);
    expect(priceCheckout(input([['P1', 'S1', 1]], { skus: [sku('S1', 'P1', 'A', 1991)] })).fingerprint).not.toBe(base);
    expect(priceCheckout(input([['P1', 'S1', 1]], { region: LHASA })).fingerprint).not.toBe(base);
  });

  it('applies pricing rules as adjustments (room for promotions)', () => {
    const i = { ...input([['P1', 'S1', 1]]), rules: [() => [{ rule: 'test', label: '立减', amount: { amount: -300, currency: 'CNY' as const } }]] };
    const out = priceCheckout(i);
    expect(out.stores[0]!.total.amount).toBe(1990 + 800 - 300);
    expect(out.total.amount).toBe(2490);
  });
});
