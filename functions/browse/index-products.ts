import { z } from 'zod';
import { stream } from '../lib/stream';
import { reindexProduct } from './indexer';

/** Only the id is read from the image: the indexer reads the current product item itself. */
const ProductChange = z.object({ entity: z.literal('Product'), id: z.string() });

/**
 * PRODUCT item changes on the table stream (filtered in serverless.yml) -> the search and listing index.
 * Each changed product is reindexed once per batch from its current item, so redelivered and
 * out-of-order events are harmless. A failure reports the product's first record of the batch:
 * Lambda retries from there. Products are independent: a few at a time.
 */
export const handler = stream({ name: 'index-products', image: 'newOrOld', item: ProductChange, groupBy: (p) => p.id, concurrency: 4 }).handler(
  async ({ item }) => {
    await reindexProduct(item.id);
  },
);
