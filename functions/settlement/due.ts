/** The settlement's due items (AP118): small, so that confirm-receipt bundles only this. */
import { tableName } from '../lib/table';
import { keys, ttlIn } from '../lib/keys';
import type { TxItem } from '../lib/table-ops';
import { DUE_SHARDS } from '../orders/config';
import { afterSaleWindowSeconds } from '../after-sales/config';

const hourBucket = (iso: string): string => iso.slice(0, 13);
const shardOf = (id: string): number => id.charCodeAt(id.length - 1) % DUE_SHARDS;

/** AP118: the item that has the sweeper look at the order's settlement at `at`. */
export function settlementDuePut(orderId: string, at: string, now: Date): TxItem {
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...keys.dueSettlement(hourBucket(at), shardOf(orderId), at, orderId),
        entity: 'DueSettlement',
        orderId,
        at,
        expiresAt: ttlIn(Math.max(0, Math.ceil((Date.parse(at) - now.getTime()) / 1000)) + 30 * 86400, now.getTime()),
      },
    },
  };
}

/** The due item written with the receipt (confirmReceipt): when the after-sale window closes. */
export const settlementDueAtReceipt = (orderId: string, completedAt: string, now: Date): TxItem =>
  settlementDuePut(orderId, new Date(Date.parse(completedAt) + afterSaleWindowSeconds() * 1000).toISOString(), now);
