/**
 * The shopper's cart (AP70). Lines are SKUs with a quantity and the price the shopper last saw; the
 * catalog is read on every cart read and each line is flagged with what changed (off shelf, sold out,
 * too little stock, repriced), never dropped or repriced silently. The CART_META item counts the
 * lines in the same transaction as each line added or removed, so the 120-line cap holds under
 * concurrent adds and the tab badge is one read.
 */
import { GetCommand, TransactWriteCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  MAX_CART_LINES,
  MAX_LINE_QUANTITY,
  type AddCartItemInput,
  type CartCount,
  type CartLine,
  type CartLineChange,
  type CartStore,
  type CartView,
  type SelectCartInput,
  type UpdateCartItemInput,
} from '@wxshop/shared/cart';
import { localize, type Language } from '@wxshop/shared/i18n/languages';
import { type Money } from '@wxshop/shared/money';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { batchGet, keyString, queryAll } from '../lib/table-ops';
import { ConflictError, NotFoundError, UnprocessableError, failedConditionIndexes, isConditionFailure } from '../lib/errors';
import { ProductItem, SkuItem } from '../catalog/items';
import { findSkuProduct } from '../catalog/stock';
import { MerchantItem } from '../merchants/merchants';
import { envOr } from '../lib/config';
import { CartLineItem, CartMetaItem } from './items';

type TxItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const sameMoney = (a: Money, b: Money): boolean => a.amount === b.amount && a.currency === b.currency;

/** The catalog as read now for a set of SKUs: product, SKU and store, by id. */
export interface CatalogSnapshot {
  products: Map<string, ProductItem>;
  skus: Map<string, SkuItem>;
  merchants: Map<string, MerchantItem>;
}

/** One BatchGet (per 100 keys) of the products, SKUs and stores of these lines. */
export async function readCatalog(lines: { productId: string; skuId: string; merchantId: string }[]): Promise<CatalogSnapshot> {
  const wanted = [
    ...lines.map((l) => keys.product(l.productId)),
    ...lines.map((l) => keys.productSku(l.productId, l.skuId)),
    ...[...new Set(lines.map((l) => l.merchantId))].map((m) => keys.merchant(m)),
  ];
  const found = wanted.length ? await batchGet(wanted) : new Map<string, Record<string, unknown>>();
  const snap: CatalogSnapshot = { products: new Map(), skus: new Map(), merchants: new Map() };
  for (const raw of found.values()) {
    if (raw.entity === 'Product') snap.products.set(String(raw.id), ProductItem.parse(raw));
    else if (raw.entity === 'Sku') snap.skus.set(String(raw.id), SkuItem.parse(raw));
    else if (raw.entity === 'Merchant') snap.merchants.set(String(raw.id), MerchantItem.parse(raw));
  }
  return snap;
}

/** A SKU can be sold: its product is on sale and the SKU is enabled and not removed. */
export const sellable = (product: ProductItem | undefined, sku: SkuItem | undefined): boolean =>
  !!product && !!sku && product.onSale && sku.enabled && !sku.removed && sku.productId === product.id;

/** What changed on a line against the catalog now (pure). */
export function lineChanges(line: Pick<CartLineItem, 'quantity' | 'seenPrice'>, product: ProductItem | undefined, sku: SkuItem | undefined): CartLineChange[] {
  const changes: CartLineChange[] = [];
  if (!sellable(product, sku) || !sku) changes.push({ kind: 'off_shelf' });
  else if (sku.stock === 0) changes.push({ kind: 'sold_out' });
  else if (sku.stock < line.quantity) changes.push({ kind: 'insufficient_stock', available: sku.stock });
  if (sku && !sameMoney(sku.price, line.seenPrice)) changes.push({ kind: 'repriced', from: line.seenPrice, to: sku.price });
  return changes;
}

async function listLines(userId: string): Promise<CartLineItem[]> {
  const p = keys.cartLinesPrefix(userId);
  const items = await queryAll(
    { KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)', ExpressionAttributeValues: { ':pk': p.PK, ':p': p.SKPrefix }, ConsistentRead: true },
    MAX_CART_LINES * 2,
  );
  return items.map((i) => CartLineItem.parse(i));
}

// NOTE: the same URL as merchants/uploads#publicImageUrl, written here so the cart functions do not bundle the S3 client.
const publicImageUrl = (key: string | null | undefined): string | null =>
  key ? `${envOr('UPLOADS_PUBLIC_BASE', 'http://127.0.0.1:4569/wxshop-uploads')}/${key}` : null;

/** The cart grouped by store, newest first, every line checked against the catalog now (2 DynamoDB calls for a usual cart). */
export async function getCart(userId: string, lang: Language): Promise<CartView> {
  const lines = await listLines(userId);
  const snap = await readCatalog(lines);
  const sorted = [...lines].sort((a, b) => (a.addedAt === b.addedAt ? a.skuId.localeCompare(b.skuId) : a.addedAt < b.addedAt ? 1 : -1));
  const stores = new Map<string, CartStore>();
  for (const line of sorted) {
    const product = snap.products.get(line.productId);
    const sku = snap.skus.get(line.skuId);
    const changes = lineChanges(line, product, sku);
    const view: CartLine = {
      skuId: line.skuId,
      productId: line.productId,
      merchantId: line.merchantId,
      title: product ? localize(product.title, lang) : '',
      specValues: sku?.specValues ?? [],
      imageKey: sku?.imageKey ?? product?.coverImageKey ?? null,
      imageUrl: publicImageUrl(sku?.imageKey ?? product?.coverImageKey),
      quantity: line.quantity,
      selected: line.selected,
      price: sku?.price ?? null,
      seenPrice: line.seenPrice,
      stock: sku?.stock ?? 0,
      purchasable: changes.every((c) => c.kind === 'repriced'),
      changes,
      addedAt: line.addedAt,
    };
    let store = stores.get(line.merchantId);
    if (!store) {
      store = { merchantId: line.merchantId, storeName: snap.merchants.get(line.merchantId)?.name ?? '', lines: [] };
      stores.set(line.merchantId, store);
    }
    store.lines.push(view);
  }
  return { stores: [...stores.values()], lineCount: lines.length, selectedCount: lines.filter((l) => l.selected).length };
}

/** The badge: lines in the cart (one GetItem). */
export async function countCart(userId: string): Promise<CartCount> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.cartMeta(userId) }));
  return { lines: out.Item ? CartMetaItem.parse(out.Item).lines : 0 };
}

/** The items `addItem` reads, when the product is known: product, SKU, the line and the line count (ADR 0051: read with the session check). */
export const addItemKeys = (userId: string, input: Pick<AddCartItemInput, 'skuId' | 'productId'>) =>
  input.productId
    ? [keys.product(input.productId), keys.productSku(input.productId, input.skuId), keys.cartLine(userId, input.skuId), keys.cartMeta(userId)]
    : [];

/**
 * Adds a SKU (or more of it). Primary course: 1. locate the SKU's product (GSI1), unless the shopper
 * named it; 2. read product, SKU and the existing line (`read`: already read with the session check);
 * 3. refuse what is not on sale (422 not_on_sale) or more than the stock
 * (422 insufficient_stock); 4. an existing line gains the quantity (conditioned on the quantity read);
 * a new line is put with the counter incremented in one transaction, conditioned on the 120-line cap
 * (422 cart_full). The price is never taken from the client: the line remembers the catalog price now.
 */
export async function addItem(userId: string, input: AddCartItemInput, now = new Date(), read?: Map<string, Record<string, unknown>>): Promise<CartCount> {
  // A lost race with a concurrent add of the same shopper (a double tap, two tabs) re-reads and adds
  // again, so both quantities land; only a cart that keeps changing answers 409.
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await addItemOnce(userId, input, now, attempt === 0 ? read : undefined);
    } catch (err) {
      if (!(err instanceof ConflictError) || attempt >= 4) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 50 * (attempt + 1)));
    }
  }
}

async function addItemOnce(userId: string, input: AddCartItemInput, now: Date, read?: Map<string, Record<string, unknown>>): Promise<CartCount> {
  const productId =
    input.productId ??
    (await findSkuProduct(input.skuId).catch((err: unknown) => {
      if (err instanceof NotFoundError) throw new UnprocessableError('This item is not on sale', 'not_on_sale');
      throw err;
    }));
  const lineKey = keys.cartLine(userId, input.skuId);
  const wanted = [keys.product(productId), keys.productSku(productId, input.skuId), lineKey, keys.cartMeta(userId)];
  const found = read && input.productId ? read : await batchGet(wanted, true);
  const productRaw = found.get(keyString(keys.product(productId)));
  const skuRaw = found.get(keyString(keys.productSku(productId, input.skuId)));
  const product = productRaw ? ProductItem.parse(productRaw) : undefined;
  const sku = skuRaw ? SkuItem.parse(skuRaw) : undefined;
  if (!product || !sku || !sellable(product, sku)) throw new UnprocessableError('This item is not on sale', 'not_on_sale');
  const lineRaw = found.get(keyString(lineKey));
  const existing = lineRaw ? CartLineItem.parse(lineRaw) : undefined;
  const metaRaw = found.get(keyString(keys.cartMeta(userId)));
  const lines = metaRaw ? CartMetaItem.parse(metaRaw).lines : 0;
  const quantity = (existing?.quantity ?? 0) + input.quantity;
  if (quantity > MAX_LINE_QUANTITY) throw new UnprocessableError(`At most ${MAX_LINE_QUANTITY} of one item`);
  if (sku.stock < quantity) throw new UnprocessableError(`Only ${sku.stock} left`, 'insufficient_stock');
  const at = now.toISOString();
  if (existing) {
    try {
      await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: lineKey,
          UpdateExpression: 'SET quantity = :q, seenPrice = :price, updatedAt = :at',
          ConditionExpression: 'quantity = :read',
          ExpressionAttributeValues: { ':q': quantity, ':price': sku.price, ':at': at, ':read': existing.quantity },
        }),
      );
    } catch (err) {
      if (isConditionFailure(err)) throw new ConflictError('The cart changed meanwhile: try again');
      throw err;
    }
    return { lines };
  }
  const line: CartLineItem = {
    entity: 'CartLine',
    userId,
    skuId: sku.id,
    productId,
    merchantId: sku.merchantId,
    quantity,
    selected: true,
    seenPrice: sku.price,
    addedAt: at,
    updatedAt: at,
  };
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: { ...lineKey, ...line }, ConditionExpression: 'attribute_not_exists(PK)' } },
          {
            Update: {
              TableName: tableName(),
              Key: keys.cartMeta(userId),
              UpdateExpression: 'SET entity = :e, userId = :u, #lines = if_not_exists(#lines, :zero) + :one',
              ConditionExpression: 'attribute_not_exists(#lines) OR #lines < :max',
              ExpressionAttributeNames: { '#lines': 'lines' },
              ExpressionAttributeValues: { ':e': 'CartMeta', ':u': userId, ':zero': 0, ':one': 1, ':max': MAX_CART_LINES },
            },
          },
        ],
      }),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    if (failedConditionIndexes(err).includes(1)) throw new UnprocessableError(`The cart holds at most ${MAX_CART_LINES} lines`, 'cart_full');
    throw new ConflictError('The cart changed meanwhile: try again');
  }
  return { lines: lines + 1 };
}

/** Changes a line's quantity (taking the current price as seen: the shopper acknowledges a reprice) and/or its selection. */
export async function updateItem(userId: string, skuId: string, input: UpdateCartItemInput, lang: Language, now = new Date()): Promise<CartView> {
  const lineKey = keys.cartLine(userId, skuId);
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: lineKey, ConsistentRead: true }));
  if (!out.Item) throw new NotFoundError('cart line');
  const line = CartLineItem.parse(out.Item);
  const sets = ['updatedAt = :at'];
  const values: Record<string, unknown> = { ':at': now.toISOString() };
  if (input.selected !== undefined) {
    sets.push('selected = :sel');
    values[':sel'] = input.selected;
  }
  if (input.quantity !== undefined) {
    const snap = await readCatalog([line]);
    const sku = snap.skus.get(skuId);
    if (!sku || !sellable(snap.products.get(line.productId), sku)) throw new UnprocessableError('This item is not on sale', 'not_on_sale');
    if (input.quantity > line.quantity && sku.stock < input.quantity) throw new UnprocessableError(`Only ${sku.stock} left`, 'insufficient_stock');
    sets.push('quantity = :q', 'seenPrice = :price');
    values[':q'] = input.quantity;
    values[':price'] = sku.price;
  }
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: lineKey,
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: values,
      }),
    );
  } catch (err) {
    if (isConditionFailure(err)) throw new NotFoundError('cart line');
    throw err;
  }
  return getCart(userId, lang);
}

/** Selects or unselects the named lines, a store's lines, or every line (transactions of up to 100 updates). */
export async function selectItems(userId: string, input: SelectCartInput, lang: Language): Promise<CartView> {
  const lines = await listLines(userId);
  const wanted = input.skuIds ? new Set(input.skuIds) : undefined;
  const targets = lines.filter(
    (l) => l.selected !== input.selected && (wanted ? wanted.has(l.skuId) : input.merchantId ? l.merchantId === input.merchantId : true),
  );
  for (let i = 0; i < targets.length; i += 100) {
    const items: TxItem[] = targets.slice(i, i + 100).map((l) => ({
      Update: {
        TableName: tableName(),
        Key: keys.cartLine(userId, l.skuId),
        UpdateExpression: 'SET selected = :s',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':s': input.selected },
      },
    }));
    try {
      await db().send(new TransactWriteCommand({ TransactItems: items }));
    } catch (err) {
      if (isConditionFailure(err)) throw new ConflictError('The cart changed meanwhile: try again');
      throw err;
    }
  }
  return getCart(userId, lang);
}

/**
 * Deletes lines (absent ones are ignored): each chunk deletes lines that exist (conditioned) and takes
 * their number off the counter in the same transaction; a line deleted meanwhile re-reads and retries.
 */
export async function removeItems(userId: string, skuIds: string[]): Promise<{ removed: number; lines: number }> {
  const wanted = new Set(skuIds);
  let removed = 0;
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const present = (await listLines(userId)).filter((l) => wanted.has(l.skuId));
    if (present.length === 0) return { removed, lines: (await countCart(userId)).lines };
    try {
      for (let i = 0; i < present.length; i += 99) {
        const chunk = present.slice(i, i + 99);
        await db().send(
          new TransactWriteCommand({
            TransactItems: [
              ...chunk.map(
                (l): TxItem => ({ Delete: { TableName: tableName(), Key: keys.cartLine(userId, l.skuId), ConditionExpression: 'attribute_exists(PK)' } }),
              ),
              {
                Update: {
                  TableName: tableName(),
                  Key: keys.cartMeta(userId),
                  UpdateExpression: 'SET #lines = #lines - :n',
                  ConditionExpression: '#lines >= :n',
                  ExpressionAttributeNames: { '#lines': 'lines' },
                  ExpressionAttributeValues: { ':n': chunk.length },
                },
              },
            ],
          }),
        );
        removed += chunk.length;
        for (const l of chunk) wanted.delete(l.skuId);
      }
      return { removed, lines: (await countCart(userId)).lines };
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
  }
  throw new ConflictError('The cart changed meanwhile: try again');
}
