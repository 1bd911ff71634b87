import type { Attack } from './attacks';
import { randomSourceIp, send, type Reply } from './http';
import type { Operation } from './openapi';
import { acceptsInput, acceptsParams, routeById } from './oracle';
import type { ChangeFeed } from './change-feed';

export type Mode = 'anonymous' | 'shopper' | 'staff';

export interface Finding {
  op: string;
  mode: Mode;
  mutation: string;
  request: string;
  status: number;
  problem: string;
}

/** Concurrent requests per batch of requests the API must refuse. */
const BATCH = 8;

const hasErrorShape = (reply: Reply): boolean => {
  const e = (reply.json as { error?: { code?: unknown; message?: unknown; requestId?: unknown } } | undefined)?.error;
  return typeof e?.code === 'string' && typeof e.message === 'string' && typeof e.requestId === 'string';
};

/** serverless-offline's own answers (hapi payload parsing, route not found) carry `statusCode` and a string `error`. */
const isEmulatorReply = (reply: Reply): boolean => {
  const body = reply.json as { statusCode?: unknown; error?: unknown } | undefined;
  return typeof body?.statusCode === 'number' && typeof body.error === 'string';
};

export const describeRequest = (a: Attack): string => {
  const body = a.spec.raw ?? (a.spec.body === undefined ? '' : JSON.stringify(a.spec.body));
  const auth = a.authorization ? ` [Authorization: ${a.authorization.slice(0, 40)}…]` : '';
  const query = a.spec.query ? `?${new URLSearchParams(a.spec.query).toString()}` : '';
  return `${a.spec.method} ${a.spec.path.slice(0, 120)}${query.slice(0, 120)} ${body.slice(0, 160)}${body.length > 160 ? `… (${body.length} chars)` : ''}${auth}`;
};

interface Context {
  api: string;
  op: Operation;
  mode: Mode;
  token?: string;
  findings: Finding[];
  statuses: Record<string, number>;
  emulator: { refusals: number };
}

/**
 * A blank last path segment (`GET /admin/merchants/%20`) addresses the collection route
 * (`GET /admin/merchants`), which answers 200 as it should: not the targeted route accepting input.
 */
const blankLastSegment = (a: Attack): boolean =>
  /\/(%20|%09|%0A|%0D)*$/i.test(a.spec.path.split('?')[0]!) && Object.values(a.params).some((v) => v.trim() === '');

/**
 * A path parameter that is a dot segment (`.`, `..`, `%2e%2e`) is resolved by the URL parser before the
 * request leaves (`GET /me/checkouts/..` is sent as `GET /me/`): it addresses the parent route, which may
 * answer 200, not the targeted route accepting input.
 */
const dotSegment = (a: Attack): boolean => Object.values(a.params).some((v) => /^(\.|%2e){1,2}$/i.test(v));

const addressesAnotherRoute = (a: Attack): boolean => blankLastSegment(a) || dotSegment(a);

/** Sends one attack and checks everything about its answer except what it did to the table. */
async function sendOne(ctx: Context, attack: Attack, accepted: boolean | undefined, sourceIp: string): Promise<Reply | undefined> {
  const headers = { ...attack.spec.headers, ...(attack.authorization ? { Authorization: attack.authorization } : {}) };
  const finding = (status: number, problem: string): void =>
    void ctx.findings.push({ op: ctx.op.id, mode: ctx.mode, mutation: attack.mutation, request: describeRequest(attack), status, problem });
  let reply: Reply;
  try {
    reply = await send(ctx.api, { ...attack.spec, headers, token: attack.authorization ? undefined : ctx.token }, { sourceIp });
  } catch (err) {
    finding(0, `no answer: ${String(err)}`);
    return undefined;
  }
  ctx.statuses[reply.status] = (ctx.statuses[reply.status] ?? 0) + 1;
  const emulator = isEmulatorReply(reply);
  const route = routeById(ctx.op.id);
  if (emulator && reply.status === 404 && (!route || acceptsParams(route, attack)))
    finding(404, 'a documented route is not served (serverless-offline: route not found)');
  else if (emulator) ctx.emulator.refusals += 1;
  if (reply.status >= 500) finding(reply.status, `server error: ${reply.text.slice(0, 200)}`);
  else if (reply.status >= 400 && !emulator && !hasErrorShape(reply)) finding(reply.status, `refusal without the error body: ${reply.text.slice(0, 120)}`);
  else if (reply.status < 400 && accepted === false && !addressesAnotherRoute(attack)) finding(reply.status, 'invalid input was accepted');
  const withoutValidToken = ctx.op.bearer && (ctx.mode === 'anonymous' || attack.authorization !== undefined);
  if (withoutValidToken && reply.status >= 200 && reply.status < 300) {
    // a dot segment can address a public route (`GET /merchants/../products` is `GET /products`: 200 without a token)
    if (!addressesAnotherRoute(attack)) finding(reply.status, 'served a bearer route without a valid token');
  } else if (withoutValidToken && accepted === true && !emulator && reply.status !== 401 && reply.status < 500)
    finding(reply.status, 'a well-formed request without a valid token was not answered 401');
  return reply;
}

/** One operation's attacks, split by what the route's schemas say about them. */
export interface Judged {
  op: Operation;
  mode: Mode;
  token?: string;
  refused: Attack[];
  accepted: Attack[];
}

export function judge(op: Operation, mode: Mode, token: string | undefined, attacks: Attack[]): Judged {
  const route = routeById(op.id);
  const refused = route ? attacks.filter((a) => !acceptsInput(route, a)) : [];
  return { op, mode, token, refused, accepted: attacks.filter((a) => !refused.includes(a)) };
}

export interface LaneResult {
  findings: Finding[];
  statuses: Record<string, number>;
  emulatorRefusals: number;
}

const newContext = (j: Judged): Context => ({ api: '', op: j.op, mode: j.mode, token: j.token, findings: [], statuses: {}, emulator: { refusals: 0 } });
const finding = (ctx: Context, attack: Attack, status: number, problem: string): void =>
  void ctx.findings.push({ op: ctx.op.id, mode: ctx.mode, mutation: attack.mutation, request: describeRequest(attack), status, problem });

/**
 * Requests the route's schemas refuse: concurrent batches of 8 from one client address; nothing at
 * all may change (the caller compares a table digest over the whole lane, and the table's stream
 * names what changed after each batch).
 */
export async function sendRefused(api: string, j: Judged, feed: ChangeFeed): Promise<LaneResult> {
  const ctx = { ...newContext(j), api };
  for (let i = 0; i < j.refused.length; i += BATCH) {
    const batch = j.refused.slice(i, i + BATCH);
    const ip = randomSourceIp();
    await Promise.all(batch.map((a) => sendOne(ctx, a, false, ip)));
    const changed = await feed.changes();
    if (changed.length > 0) for (const a of batch) finding(ctx, a, 0, `a batch of refused requests changed the table: ${changed.join(', ')}`);
  }
  return { findings: ctx.findings, statuses: ctx.statuses, emulatorRefusals: ctx.emulator.refusals };
}

/**
 * Requests the schemas accept reach handlers and may succeed: one at a time, and a refusal (4xx)
 * must not have changed any item (read from the table's stream right after the answer).
 */
export async function sendAccepted(api: string, j: Judged, feed: ChangeFeed, settle?: () => Promise<void>): Promise<LaneResult> {
  const ctx = { ...newContext(j), api };
  const route = routeById(j.op.id);
  let ip = randomSourceIp();
  for (const [i, a] of j.accepted.entries()) {
    if (i % BATCH === 0) ip = randomSourceIp();
    const reply = await sendOne(ctx, a, route ? true : undefined, ip);
    // what a success starts and finishes later (a refund's notification) is its own doing, not the next request's
    if (reply && reply.status < 300 && settle) await settle().catch((err: Error) => finding(ctx, a, reply.status, err.message));
    const changed = await feed.changes();
    if (reply && reply.status >= 400 && changed.length > 0) finding(ctx, a, reply.status, `a refusal changed the table: ${changed.join(', ')}`);
  }
  return { findings: ctx.findings, statuses: ctx.statuses, emulatorRefusals: ctx.emulator.refusals };
}

/** One line per operation, caller and kind of problem, with the first request that showed it. */
export function formatFindings(findings: Finding[], seed: number, limit = 40): string {
  const groups = new Map<string, { first: Finding; count: number }>();
  for (const f of findings) {
    const key = `${f.op}|${f.mode}|${f.problem.slice(0, 50)}`;
    const g = groups.get(key);
    if (g) g.count += 1;
    else groups.set(key, { first: f, count: 1 });
  }
  const lines = [...groups.values()]
    .slice(0, limit)
    .map(({ first: f, count }) => `- [${f.op} as ${f.mode}] ${f.mutation} -> ${f.status}: ${f.problem}${count > 1 ? ` (x${count})` : ''}\n    ${f.request}`);
  return `${findings.length} finding(s) (replay with ATTACK_SEED=${seed}):\n${lines.join('\n')}${groups.size > limit ? `\n… and ${groups.size - limit} more kinds` : ''}`;
}
