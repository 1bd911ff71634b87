import { z } from 'zod';
import { ITEM_SK } from '../lib/keys';
import { stream } from '../lib/stream';
import { setStoreSelling } from './store-selling';
import { storeSells } from './rules';

/** The merchant PROFILE item, as far as selling goes. */
const MerchantStatusImage = z.object({ entity: z.literal('Merchant'), SK: z.literal(ITEM_SK.profile), id: z.string(), status: z.string() });

/**
 * Stream consumer: a merchant's status changed between selling (open, warned) and not (suspended,
 * closed) -> its products' `storeSelling` and `onSale`. Idempotent: absolute values from the new image.
 */
export const handler = stream({ name: 'sync-store-selling', events: ['MODIFY'], item: MerchantStatusImage }).handler(async ({ item, old }) => {
  const selling = storeSells(item.status);
  if (old.status !== undefined && storeSells(String(old.status)) === selling) return;
  await setStoreSelling(item.id, selling);
});
