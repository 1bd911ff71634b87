import { z } from 'zod';
import { BadRequestError } from '../lib/errors';

/** A page's LastEvaluatedKey as an opaque cursor. */
export const encodeCursor = (key: Record<string, unknown> | undefined): string | null => (key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null);

/**
 * Reads a cursor back. It must be a flat map of strings whose partition attribute is the one
 * being queried (`expect`), so a cursor cannot steer a query into another partition.
 */
export function decodeCursor(cursor: string | undefined, expect: Record<string, string>): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const key = z.record(z.string(), z.string()).parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    for (const [attr, value] of Object.entries(expect)) if (key[attr] !== value) throw new Error('cursor of another list');
    return key;
  } catch {
    throw new BadRequestError('Invalid cursor', { 'query.cursor': 'invalid' });
  }
}
