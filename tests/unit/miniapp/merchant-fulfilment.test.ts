import { ShipOrderInput, ShippingTemplateInput, type Order, type ShippingTemplate } from '@wxshop/shared';
import { addressLine, canShip } from '../../../miniapp/src/merchant/lib/order-view';
import { PROVINCES, regionName } from '../../../miniapp/src/merchant/lib/provinces';
import { assigned, buildShipInput, newParcel, remainingToShip, setQuantity, type ParcelDraft } from '../../../miniapp/src/merchant/lib/ship-form';
import { buildTemplateInput, emptyTemplateForm, formFromTemplate, takenRegions, type TemplateForm } from '../../../miniapp/src/merchant/lib/template-form';

const SKU_A = '01JSKAAAAAAAAAAAAAAAAAAAAA';
const SKU_B = '01JSKBBBBBBBBBBBBBBBBBBBBB';
const order = (parcels: Order['parcels'] = []): Pick<Order, 'lines' | 'parcels'> => ({
  lines: [{ skuId: SKU_A, quantity: 3 } as Order['lines'][number], { skuId: SKU_B, quantity: 1 } as Order['lines'][number]],
  parcels,
});
const parcel = (lines: { skuId: string; quantity: number }[]): Order['parcels'][number] => ({
  id: 'p1',
  carrierCode: 'SF',
  trackingNumber: 'SF1234567890',
  lines,
  shippedAt: '2026-12-01T00:00:00.000Z',
  tracking: null,
});

describe('the ship form', () => {
  it('starts with one parcel holding everything still to ship (after earlier parcels)', () => {
    const left = remainingToShip(order([parcel([{ skuId: SKU_A, quantity: 1 }])]));
    expect([...left]).toEqual([
      [SKU_A, 2],
      [SKU_B, 1],
    ]);
    expect(newParcel(left).quantities).toEqual({ [SKU_A]: 2, [SKU_B]: 1 });
  });

  it('gives a second parcel only what the first does not hold, and clamps quantities to what is left', () => {
    const left = remainingToShip(order());
    let parcels: ParcelDraft[] = [newParcel(left)];
    parcels = setQuantity(parcels, 0, SKU_B, 0, left);
    parcels = [...parcels, newParcel(left, parcels)];
    expect(parcels[1]!.quantities).toEqual({ [SKU_A]: 0, [SKU_B]: 1 });
    expect(setQuantity(parcels, 1, SKU_A, 99, left)[1]!.quantities[SKU_A]).toBe(3);
    expect(setQuantity(parcels, 1, SKU_A, -2, left)[1]!.quantities[SKU_A]).toBe(0);
  });

  it('builds two parcels the API accepts, each with its own lines', () => {
    const left = remainingToShip(order());
    const parcels: ParcelDraft[] = [
      { carrierCode: 'SF', trackingNumber: ' SF1234567890 ', quantities: { [SKU_A]: 3, [SKU_B]: 0 } },
      { carrierCode: 'YD', trackingNumber: 'YD000111222', quantities: { [SKU_A]: 0, [SKU_B]: 1 } },
    ];
    const built = buildShipInput(parcels, left);
    expect(built).toEqual({
      input: {
        parcels: [
          { carrierCode: 'SF', trackingNumber: 'SF1234567890', lines: [{ skuId: SKU_A, quantity: 3 }] },
          { carrierCode: 'YD', trackingNumber: 'YD000111222', lines: [{ skuId: SKU_B, quantity: 1 }] },
        ],
      },
    });
    expect(ShipOrderInput.safeParse('input' in built ? built.input : null).success).toBe(true);
  });

  it('refuses a missing carrier, a bad tracking number, an empty parcel and more than is left', () => {
    const left = remainingToShip(order());
    const parcels: ParcelDraft[] = [
      { carrierCode: '', trackingNumber: 'abc', quantities: { [SKU_A]: 3, [SKU_B]: 1 } },
      { carrierCode: 'ZTO', trackingNumber: '', quantities: { [SKU_A]: 0 } },
      { carrierCode: 'ZTO', trackingNumber: 'ZT12345678', quantities: { [SKU_A]: 1 } },
    ];
    expect(assigned(parcels).get(SKU_A)).toBe(4);
    expect(buildShipInput(parcels, left)).toEqual({
      errors: {
        'parcels.0.carrierCode': 'merchant.ship.err_carrier',
        'parcels.0.trackingNumber': 'merchant.ship.err_tracking',
        'parcels.1.trackingNumber': 'merchant.err.required',
        'parcels.1.lines': 'merchant.ship.err_empty_parcel',
        [`lines.${SKU_A}`]: 'merchant.ship.err_too_many',
      },
    });
  });

  it('ships only paid or partly shipped orders', () => {
    expect(canShip({ status: 'paid' })).toBe(true);
    expect(canShip({ status: 'partly_shipped' })).toBe(true);
    expect(canShip({ status: 'shipped' })).toBe(false);
    expect(canShip({ status: 'pending_payment' })).toBe(false);
  });

  it('writes a municipality address without repeating the city', () => {
    const a = {
      recipient: '李四',
      phone: '13900139000',
      country: 'CN',
      regionCode: '110105',
      region: { provinceCode: '110000', province: '北京市', cityCode: '110000', city: '北京市', districtCode: '110105', district: '朝阳区' },
      detail: '建国路 1 号',
      postalCode: null,
    };
    expect(addressLine(a)).toBe('李四 13900139000 北京市 朝阳区 建国路 1 号');
  });
});

describe('the shipping template form', () => {
  const filled = (): TemplateForm => ({
    ...emptyTemplateForm(true),
    name: ' 普通快递 ',
    defaultRule: { first: '1', firstFee: '10', additional: '1', additionalFee: '5.5' },
  });

  it('sends fees in fen and counts as whole items', () => {
    const built = buildTemplateInput({ ...filled(), freeAbove: '99', excludedRegions: ['540000'] }, 2);
    expect(built).toEqual({
      input: {
        name: '普通快递',
        basis: 'count',
        defaultRule: { first: 1, firstFee: 1000, additional: 1, additionalFee: 550 },
        regionRules: [],
        freeAbove: 9900,
        excludedRegions: ['540000'],
        isDefault: true,
      },
    });
    expect(ShippingTemplateInput.safeParse('input' in built ? built.input : null).success).toBe(true);
  });

  it('takes weights in kg and sends grams; a region group needs a province', () => {
    const form: TemplateForm = {
      ...filled(),
      basis: 'weight',
      defaultRule: { first: '1', firstFee: '8', additional: '0.5', additionalFee: '2' },
      regionRules: [{ first: '1', firstFee: '20', additional: '1', additionalFee: '10', regionCodes: ['650000'] }],
    };
    const built = buildTemplateInput(form, 2);
    expect('input' in built && built.input.defaultRule).toEqual({ first: 1000, firstFee: 800, additional: 500, additionalFee: 200 });
    expect('input' in built && built.input.regionRules?.[0]).toEqual({
      first: 1000,
      firstFee: 2000,
      additional: 1000,
      additionalFee: 1000,
      regionCodes: ['650000'],
    });
    const noRegion = buildTemplateInput({ ...form, regionRules: [{ ...form.regionRules[0]!, regionCodes: [] }] }, 2);
    expect(noRegion).toEqual({ errors: { 'regionRules.0.regionCodes': 'merchant.tpl.err_regions' } });
  });

  it('points at every bad field', () => {
    const built = buildTemplateInput(
      { ...emptyTemplateForm(false), defaultRule: { first: '0', firstFee: '1.234', additional: '1.5', additionalFee: '' }, freeAbove: '0' },
      2,
    );
    expect(built).toEqual({
      errors: {
        name: 'merchant.err.required',
        'defaultRule.first': 'merchant.tpl.err_count',
        'defaultRule.firstFee': 'merchant.err.price_format',
        'defaultRule.additional': 'merchant.tpl.err_count',
        'defaultRule.additionalFee': 'merchant.err.required',
        freeAbove: 'merchant.err.price_range',
      },
    });
  });

  it('round-trips a saved template into the form', () => {
    const tpl: ShippingTemplate = {
      id: 't1',
      merchantId: 'm1',
      name: '重货',
      basis: 'weight',
      defaultRule: { first: 1500, firstFee: 1200, additional: 1000, additionalFee: 300 },
      regionRules: [{ first: 1000, firstFee: 2500, additional: 1000, additionalFee: 1500, regionCodes: ['540000', '650000'] }],
      freeAbove: null,
      excludedRegions: ['710000'],
      isDefault: false,
      updatedAt: '2026-12-01T00:00:00.000Z',
    };
    const form = formFromTemplate(tpl, 2);
    expect(form.defaultRule).toEqual({ first: '1.5', firstFee: '12.00', additional: '1', additionalFee: '3.00' });
    expect(buildTemplateInput(form, 2)).toEqual({
      input: {
        name: '重货',
        basis: 'weight',
        defaultRule: tpl.defaultRule,
        regionRules: tpl.regionRules,
        freeAbove: null,
        excludedRegions: ['710000'],
        isDefault: false,
      },
    });
    // A province sits in one place only: the other group and the excluded list see it as taken.
    expect([...takenRegions(form, 'excluded')]).toEqual(['540000', '650000']);
    expect([...takenRegions(form, 0)]).toEqual(['710000']);
  });

  it('names the 34 provincial regions from the maintained package', () => {
    expect(PROVINCES).toHaveLength(34);
    expect(regionName('330000')).toBe('浙江省');
    expect(regionName('330106')).toBe('330106');
  });
});
