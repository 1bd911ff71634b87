import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { localize, type Language } from '@wxshop/shared/i18n/languages';
import type { ProductDetail } from '@wxshop/shared/catalog';
import { ProductItem, SkuItem } from '../catalog/items';
import { MerchantItem } from '../merchants/merchants';
import { publicImageUrl } from '../merchants/uploads';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { NotFoundError } from '../lib/errors';
import { batchGet, keyString } from '../lib/table-ops';
import { confirmedViewer, optionalViewer, viewerKeys } from './viewer';
import { shopperLanguage } from './language';

/**
 * Shoppers see a product that is approved, or off the shelf with the content that was approved (shown,
 * not sold: favourites and history link to it). Drafts, products under review and unapproved edits are 404.
 */
export function isVisible(p: Pick<ProductItem, 'status' | 'version' | 'approvedVersion'>): boolean {
  if (p.status === 'approved') return true;
  return p.status === 'off_shelf' && p.approvedVersion !== null && p.approvedVersion === p.version;
}

const SELLING = new Set(['open', 'warned']);

/**
 * Product detail in at most 2 DynamoDB round trips (bench: `GET /products/{id}`):
 * 1. Query AP30: the product and its SKUs;
 * 2. BatchGet: the store (AP10) and, for a signed-in viewer, their session + account (checked here, as
 *    the wrapper does on other routes) and their favourite item (AP52).
 * Browsing history is NOT written here: the client calls `POST /me/history/{productId}` (ADR 0030).
 */
export async function getProductDetail(productId: string, opts: { lang?: Language; headers: Record<string, string | undefined> }): Promise<ProductDetail> {
  const viewer = await optionalViewer(opts.headers);
  const out = await db().send(
    new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.productPartition(productId).PK } }),
  );
  const rawProduct = (out.Items ?? []).find((i) => i.entity === 'Product');
  if (!rawProduct) throw new NotFoundError('product');
  const product = ProductItem.parse(rawProduct);
  if (!isVisible(product)) throw new NotFoundError('product');
  // NOTE: a product has at most 32 SKUs (plus removed ones) (catalog rules), well inside one 1 MB Query page.
  const skus = (out.Items ?? [])
    .filter((i) => i.entity === 'Sku')
    .map((i) => SkuItem.parse(i))
    .filter((s) => s.enabled && !s.removed)
    .sort((a, b) => a.specIndexes.join(',').localeCompare(b.specIndexes.join(','), 'en', { numeric: true }));

  const merchantKey = keys.merchant(product.merchantId);
  const favouriteKey = viewer ? keys.favourite(viewer.userId, productId) : undefined;
  const found = await batchGet([merchantKey, ...(viewer ? viewerKeys(viewer) : []), ...(favouriteKey ? [favouriteKey] : [])]);
  const rawMerchant = found.get(keyString(merchantKey));
  if (!rawMerchant) throw new NotFoundError('product');
  const merchant = MerchantItem.parse(rawMerchant);
  const signedIn = confirmedViewer(viewer, found);
  const lang = shopperLanguage(opts.lang, opts.headers, signedIn?.language);
  const selling = SELLING.has(merchant.status);

  return {
    id: product.id,
    title: localize(product.title, lang),
    description: localize(product.description, lang),
    imageUrls: product.imageKeys.map((k) => publicImageUrl(k)).filter((u): u is string => u !== null),
    videoUrl: publicImageUrl(product.videoKey),
    brand: product.brand,
    origin: product.origin,
    material: product.material,
    attributes: product.attributes,
    tags: product.tags,
    categoryId: product.categoryId,
    specs: product.specs.map((d) => ({ name: localize(d.name, lang), values: d.values.map((v) => localize(v, lang)) })),
    skus: skus.map((s) => ({
      id: s.id,
      specIndexes: s.specIndexes,
      price: s.price,
      marketPrice: s.marketPrice,
      stock: s.stock,
      imageUrl: publicImageUrl(s.imageKey),
      soldOut: s.stock <= 0,
    })),
    priceRange: { min: product.minPrice, max: product.maxPrice },
    sales: product.sales,
    store: { id: merchant.id, name: merchant.name, logoUrl: publicImageUrl(merchant.logoKey), status: merchant.status },
    purchasable: product.onSale && selling,
    favourite: Boolean(signedIn && favouriteKey && found.has(keyString(favouriteKey))),
  };
}
