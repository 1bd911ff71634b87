import { createHash } from 'node:crypto';
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { localDynamoClient } from '../../../infra/local/dynamodb';

/**
 * Items that change while a refused call runs without being its effect: rate-limit windows (a 429 is
 * counted before it is refused), idempotency records (claimed before the handler runs, released on
 * failure) and the minute sweepers' cursors (AP77/AP78: the schedule moves them on its own clock).
 */
// DUE#PAYQUERY#: the payment queries due a minute after a payment started (ADR 0046); the scheduled sweep
// takes them off while the suites watch the table, whatever the requests do.
// BILL_RECON: the bill job (every 10 minutes, ADR 0071) stores a day's report on its own clock. (A refused
// run-bill-reconciliation is therefore not seen by the digest; the wrapper refuses it before the handler, as every route.)
export const OPERATIONAL_PREFIXES: readonly string[] = ['RATE#', 'IDEMPOTENCY#', 'SWEEP#', 'DUE#PAYQUERY#', 'BILL_RECON'];

export interface Digest {
  /** One hash over every item that counts. */
  hash: string;
  /** `PK|SK` -> hash of the item. */
  items: Map<string, string>;
}

export interface DigestDiff {
  added: string[];
  removed: string[];
  changed: string[];
}

const stable = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value).toString('base64'));
  return JSON.stringify(value);
};

const keyOf = (item: Record<string, AttributeValue>): string => `${item.PK?.S ?? '?'}|${item.SK?.S ?? '?'}`;

export interface Digester {
  /** Scans the whole table and hashes every item, except operational ones. */
  digest(): Promise<Digest>;
  close(): void;
}

export function createDigester(endpoint: string, table: string, exclude: readonly string[] = OPERATIONAL_PREFIXES): Digester {
  const client = localDynamoClient(endpoint);
  return {
    close: () => client.destroy(),
    digest: async () => {
      const items = new Map<string, string>();
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }));
        for (const item of page.Items ?? []) {
          const pk = item.PK?.S ?? '';
          if (exclude.some((p) => pk.startsWith(p))) continue;
          items.set(keyOf(item), createHash('sha256').update(stable(item)).digest('base64url'));
        }
        start = page.LastEvaluatedKey;
      } while (start);
      const all = createHash('sha256');
      for (const k of [...items.keys()].sort()) all.update(`${k}=${items.get(k)}\n`);
      return { hash: all.digest('base64url'), items };
    },
  };
}

export function diffDigests(before: Digest, after: Digest): DigestDiff {
  const added = [...after.items.keys()].filter((k) => !before.items.has(k));
  const removed = [...before.items.keys()].filter((k) => !after.items.has(k));
  const changed = [...after.items.keys()].filter((k) => before.items.has(k) && before.items.get(k) !== after.items.get(k));
  return { added, removed, changed };
}
