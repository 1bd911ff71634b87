/**
 * A store's WeChat Pay sub-merchant account (电商收付通 二级商户), ADR 0049. The owner submits an application (applyment); WeChat
 * Pay walks it CHECKING -> ACCOUNT_NEED_VERIFY -> AUDITING -> NEED_SIGN -> FINISH (or REJECTED) and has
 * no notification for it, so reading the status, and a scheduled poll every 10 minutes (ADR 0054), ask
 * WeChat Pay while the state is not final and store the answer (AP85). A non-final application carries the
 * sparse AP95 keys the poll queries. The write that moves the state also posts the owner's merchant
 * inbox message (a state that needs them) and, on FINISH, sets the store's sub-merchant id: one
 * transaction, conditional on the state read, so each happens once whoever (page or poll) saw it first.
 *
 * Primary course of submit: 1. refuse when the store has a sub-merchant id or an application under way;
 * 2. send it with out_request_no `APPLY<mid>N<attempt>` (a retried submit of the same attempt is the same
 * application at WeChat Pay); 3. store it (conditional on the attempt read).
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { z } from 'zod';
import {
  Applyment,
  FINAL_APPLYMENT_STATES,
  type ApplymentNextStep,
  type ApplymentState,
  type PaymentAccount,
  type SubmitApplymentInput,
} from '@wxshop/shared/payment-accounts';
import { db, tableName } from '../lib/table';
import { INDEX, keys } from '../lib/keys';
import { AppError, ConflictError, NotFoundError } from '../lib/errors';
import { transact, TransactionConditionError, type TxItem } from '../lib/table-ops';
import { ExternalServiceError } from '../lib/adapters/config';
import { WechatPayApiError } from '../lib/adapters/wechatpay';
import { queryApplyment, submitApplyment as sendApplyment, type ApplymentStatus } from '../lib/adapters/wechatpay-ecommerce';
import { logger } from '../lib/logger';
import { setStoreSubMchid } from '../orders/stores';

/** AP85: the store's latest application (entity `PaymentAccount`). */
export const PaymentAccountItem = Applyment.extend({ entity: z.literal('PaymentAccount'), merchantId: z.string(), attempt: z.number().int() });
export type PaymentAccountItem = z.infer<typeof PaymentAccountItem>;

interface StoreView {
  subMchid: string | null;
  /** The store's platform status (merchant inbox messages carry it). */
  status: string;
}

async function readStore(merchantId: string): Promise<StoreView> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.merchant(merchantId), ConsistentRead: true }));
  if (!out.Item) throw new NotFoundError('merchant');
  return { subMchid: typeof out.Item.subMchid === 'string' && out.Item.subMchid ? out.Item.subMchid : null, status: String(out.Item.status ?? 'active') };
}

async function readApplication(merchantId: string): Promise<PaymentAccountItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.paymentAccount(merchantId), ConsistentRead: true }));
  return out.Item ? PaymentAccountItem.parse(out.Item) : undefined;
}

const isFinal = (a: Pick<PaymentAccountItem, 'state'>): boolean => FINAL_APPLYMENT_STATES.includes(a.state);

/**
 * Saves the application unless another write moved it on meanwhile (same attempt and same state read),
 * with `also` in the same transaction. While not final it carries the AP95 keys (a Put replaces the item,
 * so a final state drops them). @returns whether it saved
 */
async function save(next: PaymentAccountItem, prev: PaymentAccountItem | undefined, also: TxItem[] = []): Promise<boolean> {
  const put: TxItem = {
    Put: {
      TableName: tableName(),
      Item: { ...keys.paymentAccount(next.merchantId), ...next, ...(isFinal(next) ? {} : keys.openApplymentGsi2(next.checkedAt, next.merchantId)) },
      ...(prev
        ? {
            ConditionExpression: 'attempt = :a AND #s = :s',
            ExpressionAttributeNames: { '#s': 'state' },
            ExpressionAttributeValues: { ':a': prev.attempt, ':s': prev.state },
          }
        : { ConditionExpression: 'attribute_not_exists(PK)' }),
    },
  };
  try {
    await transact([put, ...also]);
    return true;
  } catch (err) {
    if (err instanceof TransactionConditionError && err.failed.includes(0)) return false;
    throw err;
  }
}

/** The states the owner is told about in the merchant inbox: each asks something of them, or says it is done. */
export const OWNER_MESSAGE_STATES: readonly ApplymentState[] = ['ACCOUNT_NEED_VERIFY', 'NEED_SIGN', 'REJECTED', 'FINISH'];

/** Merchant inbox ids sort in the order this process wrote them (AP26 lists newest first). */
const inboxId = monotonicFactory();

/** AP26: the owner's merchant inbox message about the application's new state (kind `payment_account`, data `state`). */
function ownerMessage(store: StoreView, a: PaymentAccountItem): TxItem {
  const id = inboxId();
  const reason = a.state === 'REJECTED' ? a.rejectReasons.map((r) => `${r.field}: ${r.reason}`).join('; ') || a.stateDesc || null : null;
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...keys.merchantInboxMessage(a.merchantId, id),
        entity: 'MerchantInboxMessage',
        id,
        merchantId: a.merchantId,
        kind: 'payment_account',
        status: store.status,
        reason,
        data: { state: a.state, outRequestNo: a.outRequestNo },
        createdAt: a.checkedAt,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** The store's sub-merchant id, set in the transaction that stores FINISH (see orders/stores.ts setStoreSubMchid). */
const subMchidUpdate = (merchantId: string, subMchid: string): TxItem => ({
  Update: {
    TableName: tableName(),
    Key: keys.merchant(merchantId),
    UpdateExpression: 'SET subMchid = :s',
    ConditionExpression: 'attribute_exists(PK)',
    ExpressionAttributeValues: { ':s': subMchid },
  },
});

export interface Refreshed {
  /** The application as stored after the read (the one another writer stored, when it was faster). */
  application: PaymentAccountItem;
  /** Whether this call moved the state (and so posted the message and set the sub-merchant id). */
  moved: boolean;
}

/**
 * Asks WeChat Pay about a non-final application and stores the answer; when the state moved, in the same
 * transaction: the owner's inbox message (OWNER_MESSAGE_STATES) and, on FINISH, the store's sub-merchant id.
 * A failed query leaves the application as it was (the next read or poll asks again).
 */
/** JSON with object keys sorted: the same content compares equal whatever order it was built in. */
const stableJson = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  );

async function refresh(store: StoreView, a: PaymentAccountItem, now: Date): Promise<Refreshed> {
  let status: ApplymentStatus;
  try {
    status = await queryApplyment(a.outRequestNo);
  } catch (err) {
    logger.warn('applyment query failed', { merchantId: a.merchantId, err: String(err) });
    return { application: a, moved: false };
  }
  const next = withStatus(a, status, now.toISOString());
  const moved = next.state !== a.state;
  // the same answer again writes nothing (the page's reads and the poll would rewrite checkedAt every
  // time); the poll asks every open application each run, so it needs no rotation (ADR 0054)
  const { checkedAt: _n, ...nextContent } = next;
  const { checkedAt: _p, ...prevContent } = a;
  if (stableJson(nextContent) === stableJson(prevContent)) return { application: a, moved: false };
  const also: TxItem[] = [];
  if (moved && OWNER_MESSAGE_STATES.includes(next.state)) also.push(ownerMessage(store, next));
  if (next.state === 'FINISH' && next.subMchid && store.subMchid !== next.subMchid) also.push(subMchidUpdate(a.merchantId, next.subMchid));
  if (await save(next, a, also)) {
    if (next.state === 'FINISH' && next.subMchid) store.subMchid = next.subMchid;
    return { application: next, moved };
  }
  return { application: (await readApplication(a.merchantId)) ?? a, moved: false };
}

function nextStep(subMchid: string | null, a: PaymentAccountItem | undefined): ApplymentNextStep {
  if (subMchid) return 'done';
  if (!a) return 'apply';
  switch (a.state) {
    case 'CHECKING':
    case 'AUDITING':
      return 'wait';
    case 'ACCOUNT_NEED_VERIFY':
      return 'verify_account';
    case 'NEED_SIGN':
      return 'sign';
    case 'FINISH':
      return 'done';
    case 'FROZEN':
      return 'contact_support';
    case 'REJECTED':
    case 'CANCELED':
      return 'apply';
  }
}

function view(merchantId: string, subMchid: string | null, a: PaymentAccountItem | undefined): PaymentAccount {
  const application = a ? (({ entity: _e, merchantId: _m, attempt: _n, ...rest }) => rest)(a) : null;
  return { merchantId, subMchid, canSell: subMchid !== null, nextStep: nextStep(subMchid, a), application };
}

/** The provider's failures as the API answers them: a refusal 422 with its message, an outage 502. */
function providerError(err: unknown): never {
  if (err instanceof WechatPayApiError && err.status >= 400 && err.status < 500) {
    throw new AppError('unprocessable', 422, `WeChat Pay refused the application: ${err.message}`);
  }
  if (err instanceof ExternalServiceError) throw new AppError('upstream_unavailable', 502, 'WeChat Pay did not answer: try again');
  throw err;
}

const withStatus = (a: PaymentAccountItem, s: ApplymentStatus, at: string): PaymentAccountItem => ({
  ...a,
  applymentId: s.applymentId,
  state: s.state,
  stateDesc: s.stateDesc,
  signUrl: s.signUrl ?? null,
  subMchid: s.subMchid ?? null,
  accountValidation: s.accountValidation
    ? {
        payAmount: s.accountValidation.payAmount,
        toAccountNumber: s.accountValidation.toAccountNumber,
        toAccountName: s.accountValidation.toAccountName,
        deadline: s.accountValidation.deadline ?? null,
      }
    : null,
  rejectReasons: s.rejectReasons,
  checkedAt: at,
});

/**
 * AP85: the store's account and latest application; asks WeChat Pay while the state is not final, stores
 * what it says, and on FINISH gives the store its sub-merchant id (again, if a crash cut it before).
 */
export async function getPaymentAccount(merchantId: string, now = new Date()): Promise<PaymentAccount> {
  const store = await readStore(merchantId);
  let a = await readApplication(merchantId);
  if (a && !isFinal(a)) a = (await refresh(store, a, now)).application;
  // an application finished before ADR 0054 (the id was set after the save, and a crash could cut it)
  if (a?.state === 'FINISH' && a.subMchid && store.subMchid !== a.subMchid) {
    await setStoreSubMchid(merchantId, a.subMchid);
    store.subMchid = a.subMchid;
  }
  return view(merchantId, store.subMchid, a);
}

/** Submits the store's application to WeChat Pay (identity and bank details are sent, not stored). */
export async function submitPaymentApplyment(merchantId: string, input: SubmitApplymentInput, now = new Date()): Promise<PaymentAccount> {
  const store = await readStore(merchantId);
  if (store.subMchid) throw new ConflictError('The store already has its WeChat Pay sub-merchant account');
  const prev = await readApplication(merchantId);
  if (prev && prev.state !== 'REJECTED' && prev.state !== 'CANCELED') throw new ConflictError(`An application is under way (${prev.state})`);
  const attempt = (prev?.attempt ?? 0) + 1;
  const outRequestNo = `APPLY${merchantId}N${attempt}`;
  let sent: { applymentId: string };
  try {
    sent = await sendApplyment({
      outRequestNo,
      organizationType: input.organizationType,
      merchantShortname: input.merchantShortname,
      storeName: input.merchantShortname,
      contact: input.contact,
      ...(input.idCard ? { idCard: input.idCard } : {}),
      ...(input.bankAccount ? { bankAccount: input.bankAccount } : {}),
    });
  } catch (err) {
    providerError(err);
  }
  const at = now.toISOString();
  const next: PaymentAccountItem = {
    entity: 'PaymentAccount',
    merchantId,
    attempt,
    outRequestNo,
    applymentId: sent.applymentId,
    state: 'CHECKING',
    stateDesc: '',
    merchantShortname: input.merchantShortname,
    organizationType: input.organizationType,
    signUrl: null,
    accountValidation: null,
    rejectReasons: [],
    subMchid: null,
    submittedAt: at,
    checkedAt: at,
  };
  if (!(await save(next, prev))) throw new ConflictError('The application changed meanwhile: reload it');
  return view(merchantId, null, next);
}

export interface PollResult {
  /** Applications asked about. */
  checked: number;
  /** The stores whose application moved to another state in this run. */
  moved: { merchantId: string; state: ApplymentState }[];
}

/**
 * The scheduled poll (ADR 0054): every application not in a final state (AP95, least recently changed
 * first, at most `max`: a handful onboard at a time) is asked about as the status page would, so it moves
 * on, the owner hears about it in the merchant inbox and FINISH lets the store sell, without anyone
 * opening the page. An answer that changes nothing writes nothing.
 */
export async function pollOpenApplications(now = new Date(), max = 200): Promise<PollResult> {
  const index = keys.openApplymentsIndex();
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: INDEX.byStatus,
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': index.GSI2PK },
      Limit: max,
    }),
  );
  const result: PollResult = { checked: 0, moved: [] };
  for (const raw of out.Items ?? []) {
    const merchantId = String(raw.merchantId);
    try {
      // the index is eventually consistent: read the item itself before asking
      const [store, a] = await Promise.all([readStore(merchantId), readApplication(merchantId)]);
      if (!a || isFinal(a)) continue;
      result.checked += 1;
      const r = await refresh(store, a, now);
      if (r.moved) result.moved.push({ merchantId, state: r.application.state });
    } catch (err) {
      // one store's failure does not hold up the others; the next run asks again
      logger.error('applyment poll failed', { merchantId, err: String(err) });
    }
  }
  return result;
}
