import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AddressList, CartCount, CartView } from '@wxshop/shared';
import { invoke } from '../support/lambda';
import { db, dynamoCallCount, tableName } from '../../functions/lib/table';
import { keys } from '../../functions/lib/keys';
import { adjustStock } from '../../functions/catalog/stock';
import { takeOffShelf } from '../../functions/catalog/products';
import { handler as addRoute } from '../../functions/cart/add-cart-item';
import { handler as getRoute } from '../../functions/cart/get-cart';
import { handler as countRoute } from '../../functions/cart/count-cart';
import { handler as updateRoute } from '../../functions/cart/update-cart-item';
import { handler as selectRoute } from '../../functions/cart/select-cart-items';
import { handler as removeRoute } from '../../functions/cart/remove-cart-items';
import { handler as listAddressesRoute } from '../../functions/addresses/list-addresses';
import { handler as createAddressRoute } from '../../functions/addresses/create-address';
import { handler as updateAddressRoute } from '../../functions/addresses/update-address';
import { handler as deleteAddressRoute } from '../../functions/addresses/delete-address';
import { addItem } from '../../functions/cart/cart';
import { categoryTree, listedProduct, merchant, shopper } from './browse-fixtures';

jest.setTimeout(60_000);

let leaf: string;
let storeA: string;
let storeB: string;

beforeAll(async () => {
  ({ leaf } = await categoryTree());
  [storeA, storeB] = await Promise.all([merchant('Cart A'), merchant('Cart B')]);
});

const skusOf = async (productId: string): Promise<{ id: string; price: { amount: number } }[]> => {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': keys.productPartition(productId).PK, ':p': 'SKU#' },
    }),
  );
  return (out.Items ?? []) as { id: string; price: { amount: number } }[];
};

async function onSaleSku(merchantId: string, price = 1000, stock = 10): Promise<{ productId: string; skuId: string }> {
  const productId = await listedProduct(merchantId, { title: { 'zh-CN': '购物车测试' }, categoryId: leaf, prices: [price], stock });
  return { productId, skuId: (await skusOf(productId))[0]!.id };
}

describe('cart', () => {
  it('AP70 listCartLines / getCartMeta: lines grouped by store, the counter counts lines, a second add adds to the quantity', async () => {
    const me = await shopper();
    const a = await onSaleSku(storeA, 1200);
    const b = await onSaleSku(storeB, 500);
    expect((await invoke<CartCount>(addRoute, { token: me.token, body: { skuId: a.skuId, quantity: 2 } })).body).toEqual({ lines: 1 });
    expect((await invoke<CartCount>(addRoute, { token: me.token, body: { skuId: b.skuId, quantity: 1 } })).body).toEqual({ lines: 2 });
    expect((await invoke<CartCount>(addRoute, { token: me.token, body: { skuId: a.skuId, quantity: 3 } })).body).toEqual({ lines: 2 });

    const cart = (await invoke<CartView>(getRoute, { token: me.token })).body;
    expect(cart.lineCount).toBe(2);
    expect(cart.stores.map((s) => s.merchantId).sort()).toEqual([storeA, storeB].sort());
    const lineA = cart.stores.find((s) => s.merchantId === storeA)!.lines[0]!;
    expect(lineA).toMatchObject({ skuId: a.skuId, quantity: 5, selected: true, price: { amount: 1200, currency: 'CNY' }, changes: [], purchasable: true });
    expect((await invoke<CartCount>(countRoute, { token: me.token })).body).toEqual({ lines: 2 });
    const meta = await db().send(new GetCommand({ TableName: tableName(), Key: keys.cartMeta(me.id) }));
    expect(meta.Item).toMatchObject({ entity: 'CartMeta', lines: 2 });
  });

  it("adds every one of a shopper's concurrent adds of one SKU (a double tap is not a 409)", async () => {
    // Prepare
    const me = await shopper();
    const a = await onSaleSku(storeA, 1000, 10);
    // Act
    const replies = await Promise.all(Array.from({ length: 5 }, () => invoke(addRoute, { token: me.token, body: { skuId: a.skuId, quantity: 1 } })));
    // Assert
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const line = await db().send(new GetCommand({ TableName: tableName(), Key: keys.cartLine(me.id, a.skuId) }));
    expect(line.Item).toMatchObject({ quantity: 5 });
    expect((await invoke<CartCount>(countRoute, { token: me.token })).body).toEqual({ lines: 1 });
  });

  it('ADR 0051: an add naming the product reads product, SKU and line with the session check (2 calls); a product the SKU is not of is not on sale', async () => {
    const me = await shopper();
    const a = await onSaleSku(storeA, 1000, 5);
    const other = await onSaleSku(storeA, 1200, 5);
    let before = dynamoCallCount();
    expect((await invoke<CartCount>(addRoute, { token: me.token, body: { skuId: a.skuId, productId: a.productId, quantity: 1 } })).body).toEqual({ lines: 1 });
    expect(dynamoCallCount() - before).toBe(2);
    before = dynamoCallCount();
    expect((await invoke<CartCount>(addRoute, { token: me.token, body: { skuId: a.skuId, productId: a.productId, quantity: 2 } })).body).toEqual({ lines: 1 });
    expect(dynamoCallCount() - before).toBe(2);
    // without the product: the SKU's lookup first (one call more), the same line
    before = dynamoCallCount();
    expect((await invoke<CartCount>(addRoute, { token: me.token, body: { skuId: a.skuId, quantity: 1 } })).body).toEqual({ lines: 1 });
    expect(dynamoCallCount() - before).toBe(4);
    const mismatched = await invoke(addRoute, { token: me.token, body: { skuId: a.skuId, productId: other.productId, quantity: 1 } });
    expect(mismatched.status).toBe(422);
    expect(mismatched.body).toMatchObject({ error: { code: 'not_on_sale' } });
    const cart = (await invoke<CartView>(getRoute, { token: me.token })).body;
    expect(cart.stores[0]!.lines.map((l) => [l.skuId, l.quantity, l.price?.amount])).toEqual([[a.skuId, 4, 1000]]);
    // stock and sale are the catalog's as read in that same call: off shelf is refused at once
    await takeOffShelf(storeA, a.productId);
    const off = await invoke(addRoute, { token: me.token, body: { skuId: a.skuId, productId: a.productId, quantity: 1 } });
    expect(off.body).toMatchObject({ error: { code: 'not_on_sale' } });
  });

  it('refuses a price from the client, a quantity above the stock and a product off sale', async () => {
    const me = await shopper();
    const a = await onSaleSku(storeA, 1000, 3);
    const withPrice = await invoke(addRoute, { token: me.token, body: { skuId: a.skuId, quantity: 1, price: 1 } });
    expect(withPrice.status).toBe(400);
    const tooMany = await invoke(addRoute, { token: me.token, body: { skuId: a.skuId, quantity: 4 } });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body).toMatchObject({ error: { code: 'insufficient_stock' } });
    await takeOffShelf(storeA, a.productId);
    const off = await invoke(addRoute, { token: me.token, body: { skuId: a.skuId, quantity: 1 } });
    expect(off.status).toBe(422);
    expect(off.body).toMatchObject({ error: { code: 'not_on_sale' } });
    expect((await invoke<CartCount>(countRoute, { token: me.token })).body).toEqual({ lines: 0 });
  });

  it('flags lines that went off shelf, sold out, below the quantity or repriced, and keeps them', async () => {
    const me = await shopper();
    const off = await onSaleSku(storeA, 1000, 5);
    const sold = await onSaleSku(storeA, 1000, 2);
    const low = await onSaleSku(storeA, 1000, 5);
    const repriced = await onSaleSku(storeB, 800, 5);
    for (const [s, q] of [
      [off, 1],
      [sold, 2],
      [low, 4],
      [repriced, 1],
    ] as const)
      await addItem(me.id, { skuId: s.skuId, quantity: q });
    await takeOffShelf(storeA, off.productId);
    await adjustStock(sold.skuId, -2, 'adjustment', null, 'test', { productId: sold.productId });
    await adjustStock(low.skuId, -3, 'adjustment', null, 'test', { productId: low.productId });
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.productSku(repriced.productId, repriced.skuId),
        UpdateExpression: 'SET price = :p',
        ExpressionAttributeValues: { ':p': { amount: 950, currency: 'CNY' } },
      }),
    );

    const cart = (await invoke<CartView>(getRoute, { token: me.token })).body;
    const line = (skuId: string) => cart.stores.flatMap((s) => s.lines).find((l) => l.skuId === skuId)!;
    expect(cart.lineCount).toBe(4);
    expect(line(off.skuId)).toMatchObject({ purchasable: false, changes: [{ kind: 'off_shelf' }] });
    expect(line(sold.skuId)).toMatchObject({ purchasable: false, changes: [{ kind: 'sold_out' }] });
    expect(line(low.skuId)).toMatchObject({ purchasable: false, changes: [{ kind: 'insufficient_stock', available: 2 }] });
    expect(line(repriced.skuId)).toMatchObject({
      purchasable: true,
      price: { amount: 950, currency: 'CNY' },
      seenPrice: { amount: 800, currency: 'CNY' },
      changes: [{ kind: 'repriced', from: { amount: 800, currency: 'CNY' }, to: { amount: 950, currency: 'CNY' } }],
    });

    // changing the quantity acknowledges the new price
    const after = (await invoke<CartView>(updateRoute, { token: me.token, params: { skuId: repriced.skuId }, body: { quantity: 2 } })).body;
    expect(after.stores.flatMap((s) => s.lines).find((l) => l.skuId === repriced.skuId)).toMatchObject({ quantity: 2, changes: [] });
  });

  it('selects lines, a whole store and everything; batch delete keeps the counter exact', async () => {
    const me = await shopper();
    const a1 = await onSaleSku(storeA);
    const a2 = await onSaleSku(storeA);
    const b1 = await onSaleSku(storeB);
    for (const s of [a1, a2, b1]) await addItem(me.id, { skuId: s.skuId, quantity: 1 });

    let cart = (await invoke<CartView>(selectRoute, { token: me.token, body: { selected: false } })).body;
    expect(cart.selectedCount).toBe(0);
    cart = (await invoke<CartView>(selectRoute, { token: me.token, body: { selected: true, merchantId: storeA } })).body;
    expect(cart.selectedCount).toBe(2);
    expect(cart.stores.find((s) => s.merchantId === storeB)!.lines[0]!.selected).toBe(false);
    cart = (await invoke<CartView>(selectRoute, { token: me.token, body: { selected: false, skuIds: [a1.skuId] } })).body;
    expect(cart.selectedCount).toBe(1);

    const removed = await invoke<{ removed: number; lines: number }>(removeRoute, { token: me.token, body: { skuIds: [a1.skuId, b1.skuId, a1.skuId] } });
    expect(removed.body).toEqual({ removed: 2, lines: 1 });
    const again = await invoke<{ removed: number; lines: number }>(removeRoute, { token: me.token, body: { skuIds: [a1.skuId] } });
    expect(again.body).toEqual({ removed: 0, lines: 1 });
    expect((await invoke<CartView>(getRoute, { token: me.token })).body.lineCount).toBe(1);
  });

  it('holds at most 120 lines even when the 121st and 122nd arrive together', async () => {
    const me = await shopper();
    const sku = await onSaleSku(storeA);
    // 119 lines for other SKU ids, then two real adds race for the last place
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.cartMeta(me.id),
        UpdateExpression: 'SET entity = :e, userId = :u, #l = :n',
        ExpressionAttributeNames: { '#l': 'lines' },
        ExpressionAttributeValues: { ':e': 'CartMeta', ':u': me.id, ':n': 119 },
      }),
    );
    const other = await onSaleSku(storeB);
    const results = await Promise.all([sku, other].map((s) => invoke(addRoute, { token: me.token, body: { skuId: s.skuId, quantity: 1 } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
    expect(results.find((r) => r.status === 422)!.body).toMatchObject({ error: { code: 'cart_full' } });
    expect((await invoke<CartCount>(countRoute, { token: me.token })).body).toEqual({ lines: 120 });
  });
});

describe('addresses', () => {
  const home = { recipient: '张三', phone: '13800138000', regionCode: '330106', detail: '文三路 100 号 3 单元 501', label: '家' };

  it('AP71 listAddresses: names come from the GB/T 2260 code; the first address is the default; one default at a time', async () => {
    const me = await shopper();
    const first = await invoke<{ id: string; isDefault: boolean; region: unknown }>(createAddressRoute, { token: me.token, body: home });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      isDefault: true,
      country: 'CN',
      region: { provinceCode: '330000', province: '浙江省', cityCode: '330100', city: '杭州市', districtCode: '330106', district: '西湖区' },
    });
    const office = await invoke<{ id: string; isDefault: boolean }>(createAddressRoute, {
      token: me.token,
      body: { ...home, regionCode: '110105', detail: '建国路 1 号', isDefault: true },
    });
    expect(office.body).toMatchObject({ isDefault: true, region: { province: '北京市', city: '北京市', district: '朝阳区' } });
    let list = (await invoke<AddressList>(listAddressesRoute, { token: me.token })).body;
    expect(list.items.map((a) => [a.id, a.isDefault])).toEqual([
      [office.body.id, true],
      [first.body.id, false],
    ]);

    const edited = await invoke(updateAddressRoute, {
      token: me.token,
      params: { addressId: first.body.id },
      body: { ...home, detail: '新地址 8 号', isDefault: true },
    });
    expect(edited.body).toMatchObject({ detail: '新地址 8 号', isDefault: true });
    expect((await invoke(deleteAddressRoute, { token: me.token, params: { addressId: first.body.id } })).status).toBe(200);
    list = (await invoke<AddressList>(listAddressesRoute, { token: me.token })).body;
    expect(list.items.map((a) => [a.id, a.isDefault])).toEqual([[office.body.id, true]]);
  });

  it('concurrent edits of one address book all land: one default, the count exact', async () => {
    const me = await shopper();
    const made = await Promise.all(Array.from({ length: 5 }, () => invoke(createAddressRoute, { token: me.token, body: home })));
    expect(made.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const list = (await invoke<AddressList>(listAddressesRoute, { token: me.token })).body;
    expect(list.items).toHaveLength(5);
    expect(list.items.filter((a) => a.isDefault)).toHaveLength(1);
  });

  it('refuses an unknown region code, a bad phone, and another shopper editing the address (404)', async () => {
    const me = await shopper();
    const other = await shopper();
    expect((await invoke(createAddressRoute, { token: me.token, body: { ...home, regionCode: '330100' } })).status).toBe(400);
    expect((await invoke(createAddressRoute, { token: me.token, body: { ...home, regionCode: '999999' } })).status).toBe(400);
    expect((await invoke(createAddressRoute, { token: me.token, body: { ...home, phone: '12345' } })).status).toBe(400);
    expect((await invoke(createAddressRoute, { token: me.token, body: { ...home, country: 'US' } })).status).toBe(400);
    const mine = await invoke<{ id: string }>(createAddressRoute, { token: me.token, body: { ...home, regionCode: '441900' } });
    expect(mine.body).toMatchObject({ region: { city: '东莞市', districtCode: null } });
    expect((await invoke(updateAddressRoute, { token: other.token, params: { addressId: mine.body.id }, body: home })).status).toBe(404);
    expect((await invoke(deleteAddressRoute, { token: other.token, params: { addressId: mine.body.id } })).status).toBe(404);
  });
});
