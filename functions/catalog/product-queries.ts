/** Product reads: one product with its SKUs (AP30) and the listings by merchant (AP31) and status (AP32). */
import { type MerchantProductRow, type MerchantProductView, type ProductStatus } from '@wxshop/shared/catalog';
import { INDEX, keys } from '../lib/keys';
import { queryPage } from '../lib/table-ops';
import { ProductItem } from './items';
import { loadOwnProduct, loadProduct, toRow, toView } from './repo';

/** AP30: a product of the merchant with all its SKUs (404 for another merchant's). */
export async function getMerchantProduct(merchantId: string, productId: string): Promise<MerchantProductView> {
  return toView(await loadOwnProduct(merchantId, productId));
}

/** AP30 for the platform reviewer: any product. */
export async function getProductForReview(productId: string): Promise<MerchantProductView> {
  return toView(await loadProduct(productId));
}

/** AP31: the merchant's products, newest change first, one status tab or all. */
export async function listMerchantProducts(
  merchantId: string,
  opts: { status?: ProductStatus; limit?: number; cursor?: string } = {},
): Promise<{ items: MerchantProductRow[]; nextCursor: string | null }> {
  const p = keys.merchantProductsPrefix(merchantId, opts.status);
  const out = await queryPage(
    {
      IndexName: INDEX.byOwner,
      KeyConditionExpression: p.GSI1SKPrefix ? 'GSI1PK = :pk AND begins_with(GSI1SK, :prefix)' : 'GSI1PK = :pk',
      ExpressionAttributeValues: p.GSI1SKPrefix ? { ':pk': p.GSI1PK, ':prefix': p.GSI1SKPrefix } : { ':pk': p.GSI1PK },
      ScanIndexForward: false,
    },
    { limit: opts.limit ?? 20, cursor: opts.cursor, expected: { GSI1PK: p.GSI1PK } },
  );
  return { items: out.items.map((i) => toRow(ProductItem.parse(i))), nextCursor: out.nextCursor };
}

/** AP32: products in a status, oldest status change first (the review queue is `submitted`). */
export async function listProductsByStatus(
  status: ProductStatus,
  opts: { limit?: number; cursor?: string } = {},
): Promise<{ items: MerchantProductRow[]; nextCursor: string | null }> {
  const p = keys.productStatusIndex(status);
  const out = await queryPage(
    {
      IndexName: INDEX.byStatus,
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': p.GSI2PK },
      ScanIndexForward: true,
    },
    { limit: opts.limit ?? 20, cursor: opts.cursor, expected: { GSI2PK: p.GSI2PK } },
  );
  return { items: out.items.map((i) => toRow(ProductItem.parse(i))), nextCursor: out.nextCursor };
}
