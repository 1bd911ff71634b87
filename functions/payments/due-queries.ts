/**
 * The due payment queries of a started payment (AP80): one item per delay of `PAYMENT_QUERY_AFTER_S`,
 * in a minute bucket and shard the sweeper reads, written in the same transaction as the payment record
 * (WeChat Pay and Alipay alike, ADR 0046/0047).
 */
import { tableName } from '../lib/table';
import { keys, ttlIn } from '../lib/keys';
import type { TxItem } from '../lib/table-ops';
import { DUE_SHARDS } from '../orders/config';
import { paymentQueryDelaysSeconds } from './config';

const minuteBucket = (iso: string): string => iso.slice(0, 16);
const shardOf = (id: string): number => id.charCodeAt(id.length - 1) % DUE_SHARDS;

export function duePaymentQueryPuts(checkoutId: string, now: Date): TxItem[] {
  const table = tableName();
  return paymentQueryDelaysSeconds().map((s) => {
    const at = new Date(now.getTime() + s * 1000).toISOString();
    return {
      Put: {
        TableName: table,
        Item: {
          ...keys.duePaymentQuery(minuteBucket(at), shardOf(checkoutId), at, checkoutId),
          entity: 'DuePaymentQuery',
          checkoutId,
          at,
          expiresAt: ttlIn(s + 7 * 86400, now.getTime()),
        },
      },
    };
  });
}
