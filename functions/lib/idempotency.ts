import { createHash } from 'node:crypto';
import { DeleteCommand, PutCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { db, tableName } from './table';
import { keys, ttlIn } from './keys';
import { BadRequestError, ConflictError, UnprocessableError, isConditionFailure } from './errors';

/** Records live 24 hours: a client may retry a write for that long and get the first answer back. */
const RECORD_TTL_S = 24 * 3600;
/**
 * An in-progress record older than this is considered abandoned (the Lambda died) and may be taken
 * over: the handler runs again, so every idempotent handler's writes must be harmless to repeat
 * (see docs/adr and `effectReference`). 60 s (above the 29 s function timeout); tests shorten it.
 */
const takeoverAfterS = (): number => {
  const raw = process.env.IDEMPOTENCY_TAKEOVER_S;
  const n = raw === undefined ? 60 : Number(raw);
  return Number.isInteger(n) && n >= 1 ? n : 60;
};

/**
 * A fault hook for the crash tests only: with IDEMPOTENCY_FAULT=crash-before-complete, a request
 * dies after its handler wrote and before its record is completed, as a Lambda host killed there.
 */
export class SimulatedCrash extends Error {
  constructor() {
    super('simulated crash between the handler and the idempotency record (IDEMPOTENCY_FAULT)');
    this.name = 'SimulatedCrash';
  }
}

/**
 * A stable reference of one (route, caller, key): handlers pass it to their writes (a marker item
 * put with attribute_not_exists in the same transaction) so a run after a takeover finds the first
 * run's effect instead of applying it again.
 */
export const effectReference = (scope: IdempotencyScope): string =>
  createHash('sha256')
    .update(JSON.stringify([scope.route, scope.caller, scope.key]))
    .digest('base64url')
    .slice(0, 32);

const IdempotencyRecord = z.object({
  status: z.enum(['in_progress', 'completed']),
  requestHash: z.string(),
  startedAt: z.number(),
  responseStatus: z.number().optional(),
  responseBody: z.string().optional(),
});

export const IdempotencyKeyHeader = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'Idempotency-Key must be 8-64 characters of A-Z a-z 0-9 _ -');

export interface StoredResponse {
  status: number;
  body: string;
}

export interface IdempotencyScope {
  route: string;
  caller: string;
  key: string;
  request: unknown;
}

const hashRequest = (request: unknown): string => createHash('sha256').update(JSON.stringify(request)).digest('base64url');

/**
 * Claims the key before the handler runs. Returns the stored response for a completed repeat,
 * or null when this call owns the key and must run. Same key + different request: 422.
 */
export async function claim(scope: IdempotencyScope): Promise<StoredResponse | null> {
  const parsedKey = IdempotencyKeyHeader.safeParse(scope.key);
  if (!parsedKey.success) throw new BadRequestError('Invalid Idempotency-Key header', { 'Idempotency-Key': parsedKey.error.issues[0]?.message ?? 'invalid' });
  const key = keys.idempotency(scope.route, scope.caller, scope.key);
  const requestHash = hashRequest(scope.request);
  const nowS = Math.floor(Date.now() / 1000);
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...key, entity: 'IdempotencyRecord', status: 'in_progress', requestHash, startedAt: nowS, expiresAt: ttlIn(RECORD_TTL_S) },
        ConditionExpression: 'attribute_not_exists(PK) OR expiresAt < :now OR (#s = :inProgress AND startedAt < :stale)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':now': nowS, ':inProgress': 'in_progress', ':stale': nowS - takeoverAfterS() },
      }),
    );
    return null;
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
  }
  const existing = await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  const record = IdempotencyRecord.parse(existing.Item);
  if (record.requestHash !== requestHash) {
    throw new UnprocessableError('This Idempotency-Key was used with a different request', 'idempotency_key_reused');
  }
  if (record.status === 'in_progress') throw new ConflictError('A request with this Idempotency-Key is still running', 'idempotency_in_progress');
  return { status: record.responseStatus ?? 200, body: record.responseBody ?? '' };
}

/** Stores the successful response for repeats. */
export async function complete(scope: IdempotencyScope, response: StoredResponse): Promise<void> {
  if (process.env.IDEMPOTENCY_FAULT === 'crash-before-complete') throw new SimulatedCrash();
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.idempotency(scope.route, scope.caller, scope.key),
      UpdateExpression: 'SET #s = :completed, responseStatus = :status, responseBody = :body',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':completed': 'completed', ':status': response.status, ':body': response.body },
    }),
  );
}

/** Releases the key after a failure, so the client can retry the same request. */
export async function release(scope: IdempotencyScope): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.idempotency(scope.route, scope.caller, scope.key) }));
}
