/**
 * Reads shared by the catalog's services, and the shaping of items into API views.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { Currency } from '@wxshop/shared/money';
import type { MerchantProductRow, MerchantProductView, MerchantSku, StockPosting } from '@wxshop/shared/catalog';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { NotFoundError } from '../lib/errors';
import { envOr } from '../lib/config';
import { ProductItem, SkuItem, type StockPostingItem } from './items';

/** What the catalog needs of a merchant (MERCHANT#<mid> PROFILE, owned by functions/merchants). */
const MerchantFacts = z.object({ id: z.string(), status: z.string(), currency: Currency, ownerId: z.string() });
export type MerchantFacts = z.infer<typeof MerchantFacts>;

/** AP10: the merchant's status, currency (prices are always in it) and owner. */
export async function readMerchant(merchantId: string): Promise<MerchantFacts> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.merchant(merchantId), ConsistentRead: true }));
  if (!out.Item) throw new NotFoundError('merchant');
  return MerchantFacts.parse(out.Item);
}

export interface LoadedProduct {
  product: ProductItem;
  skus: SkuItem[];
}

/** AP30: the product and its SKUs in one Query. */
export async function loadProduct(productId: string, consistent = true): Promise<LoadedProduct> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.productPartition(productId).PK },
        ConsistentRead: consistent,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  const raw = items.find((i) => i.SK === keys.product(productId).SK);
  if (!raw) throw new NotFoundError('product');
  return { product: ProductItem.parse(raw), skus: items.filter((i) => i.entity === 'Sku').map((i) => SkuItem.parse(i)) };
}

/** AP30 for a merchant's staff: another merchant's product is a 404, like a missing one. */
export async function loadOwnProduct(merchantId: string, productId: string): Promise<LoadedProduct> {
  const loaded = await loadProduct(productId);
  if (loaded.product.merchantId !== merchantId) throw new NotFoundError('product');
  return loaded;
}

export const publicUrl = (key: string): string => `${envOr('UPLOADS_PUBLIC_BASE', 'http://127.0.0.1:4569/wxshop-uploads')}/${key}`;

const byCombination = (a: SkuItem, b: SkuItem): number => {
  if (a.removed !== b.removed) return a.removed ? 1 : -1;
  for (let i = 0; i < Math.max(a.specIndexes.length, b.specIndexes.length); i += 1) {
    const d = (a.specIndexes[i] ?? 0) - (b.specIndexes[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.createdAt.localeCompare(b.createdAt);
};

export function toMerchantSku(s: SkuItem): MerchantSku {
  return {
    id: s.id,
    productId: s.productId,
    specIndexes: s.specIndexes,
    code: s.code,
    price: s.price,
    marketPrice: s.marketPrice,
    stock: s.stock,
    imageUrl: s.imageKey ? publicUrl(s.imageKey) : null,
    enabled: s.enabled && !s.removed,
    lowStockThreshold: s.lowStockThreshold,
    imageKey: s.imageKey,
    specValues: s.specValues,
    removed: s.removed,
  };
}

export function toView({ product: p, skus }: LoadedProduct): MerchantProductView {
  return {
    id: p.id,
    merchantId: p.merchantId,
    status: p.status,
    rejectReason: p.rejectReason,
    title: p.title,
    description: p.description,
    categoryId: p.categoryId,
    brand: p.brand,
    origin: p.origin,
    material: p.material,
    attributes: p.attributes,
    imageUrls: p.imageKeys.map(publicUrl),
    imageKeys: p.imageKeys,
    videoUrl: p.videoKey ? publicUrl(p.videoKey) : null,
    videoKey: p.videoKey,
    tags: p.tags,
    weightGrams: p.weightGrams,
    shippingTemplateId: p.shippingTemplateId,
    volumeCm3: p.volumeCm3,
    hsCode: p.hsCode,
    countryOfOrigin: p.countryOfOrigin,
    specs: p.specs,
    skus: [...skus].sort(byCombination).map(toMerchantSku),
    currency: p.currency,
    onSaleAt: p.onSaleAt,
    offSaleAt: p.offSaleAt,
    version: p.version,
    sales: p.sales,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    approvedVersion: p.approvedVersion,
    onSale: p.onSale,
    inStock: p.inStock,
    minPrice: p.minPrice,
    maxPrice: p.maxPrice,
    submittedAt: p.submittedAt,
    approvedAt: p.approvedAt,
  };
}

export function toRow(p: ProductItem): MerchantProductRow {
  return {
    id: p.id,
    merchantId: p.merchantId,
    status: p.status,
    title: p.title,
    imageUrl: p.coverImageKey ? publicUrl(p.coverImageKey) : null,
    minPrice: p.minPrice,
    maxPrice: p.maxPrice,
    onSale: p.onSale,
    inStock: p.inStock,
    sales: p.sales,
    version: p.version,
    rejectReason: p.rejectReason,
    updatedAt: p.updatedAt,
    submittedAt: p.submittedAt,
  };
}

export function toPosting(i: StockPostingItem): StockPosting {
  return {
    id: i.id,
    skuId: i.skuId,
    delta: i.delta,
    balance: i.balance,
    reason: i.reason,
    note: i.note,
    reference: i.reference,
    actorId: i.actorId,
    createdAt: i.createdAt,
  };
}

export { decodeCursor, encodeCursor } from '../lib/cursor';
