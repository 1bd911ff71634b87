import type { z } from 'zod';
import { BadRequestError } from '../lib/errors';

/** Opaque page cursors: base64url JSON, validated when read back (a forged cursor is a 400, never a scan elsewhere). */
export const encodeCursor = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

export function decodeCursor<T extends z.ZodType>(cursor: string | undefined, schema: T): z.output<T> | undefined {
  if (cursor === undefined) return undefined;
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new BadRequestError('The cursor is not valid: start again without it', { 'query.cursor': 'not a cursor of this list' });
  }
}
