import { z } from 'zod';
import { BadRequestError } from './errors';

/** A page's LastEvaluatedKey as an opaque cursor. */
export const encodeCursor = (key: Record<string, unknown> | undefined): string | null => (key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null);

/** The attributes of a LastEvaluatedKey: the table's keys, plus the index's when the query reads one. */
const keyAttributes = (expected: Record<string, string>): string[] => {
  if ('GSI1PK' in expected) return ['PK', 'SK', 'GSI1PK', 'GSI1SK'];
  if ('GSI2PK' in expected) return ['PK', 'SK', 'GSI2PK', 'GSI2SK'];
  return ['PK', 'SK'];
};

/**
 * Reads a cursor back. It must be exactly a key of the listing being read: the same partition
 * (`expected`, e.g. its GSI1PK), so a cursor cannot steer a query into another partition, and
 * exactly the key attributes of that table or index, as strings, so DynamoDB never refuses it
 * (a refused ExclusiveStartKey would be a 500). Anything else is a 400.
 */
export function decodeCursor(cursor: string | undefined, expected: Record<string, string>): Record<string, string> | undefined {
  if (!cursor) return undefined;
  const invalid = new BadRequestError('Invalid cursor', { 'query.cursor': 'invalid' });
  let key: Record<string, string>;
  try {
    key = z.record(z.string(), z.string().min(1).max(1024)).parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw invalid;
  }
  const attrs = keyAttributes(expected);
  if (Object.keys(key).length !== attrs.length || attrs.some((a) => key[a] === undefined)) throw invalid;
  for (const [k, v] of Object.entries(expected)) if (key[k] !== v) throw invalid;
  return key;
}
