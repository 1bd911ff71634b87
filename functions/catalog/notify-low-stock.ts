import { stream } from '../lib/stream';
import { StockPostingItem } from './items';
import { notifyLowStock } from './low-stock';

/**
 * Stream consumer: a new StockPosting -> a low-stock notice when it crossed the SKU's threshold.
 * At-least-once delivery is fine: the notice is keyed by the posting and each channel is sent once.
 */
export const handler = stream({ name: 'notify-low-stock', events: ['INSERT'], item: StockPostingItem }).handler(async ({ item }) => {
  await notifyLowStock(item);
});
