/** The fan-out of a store's selling status to its products. */
import { tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { TransactionConditionError, transact } from '../lib/table-ops';
import { loadProduct } from './repo';
import { isOnSale } from './rules';
import { listMerchantProducts } from './product-queries';

/**
 * A store's selling status changed (open/warned sell; suspended/closed do not): every product of the
 * store gets `storeSelling` and a recomputed `onSale`. Idempotent (sets absolute values); a product
 * changed meanwhile is re-read and retried.
 */
export async function setStoreSelling(merchantId: string, selling: boolean, now = new Date()): Promise<number> {
  let changed = 0;
  let cursor: string | undefined;
  do {
    const page = await listMerchantProducts(merchantId, { limit: 100, cursor });
    for (const row of page.items) {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const { product } = await loadProduct(row.id);
        if (product.storeSelling === selling) break;
        const onSale = isOnSale({ ...product, storeSelling: selling }, now);
        try {
          await transact([
            {
              Update: {
                TableName: tableName(),
                Key: keys.product(product.id),
                UpdateExpression: 'SET storeSelling = :sell, onSale = :on',
                ConditionExpression: '#status = :status AND version = :v',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':sell': selling, ':on': onSale, ':status': product.status, ':v': product.version },
              },
            },
          ]);
          changed += 1;
          break;
        } catch (err) {
          if (!(err instanceof TransactionConditionError)) throw err; // changed meanwhile: read again
        }
      }
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return changed;
}
