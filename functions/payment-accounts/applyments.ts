/**
 * A store's WeChat Pay sub-merchant account (电商收付通 二级商户), ADR 0049. The owner submits an application (applyment); WeChat
 * Pay walks it CHECKING -> ACCOUNT_NEED_VERIFY -> AUDITING -> NEED_SIGN -> FINISH (or REJECTED) and has
 * no notification for it, so reading the status asks WeChat Pay while the state is not final and stores
 * the answer (AP85). On FINISH the store's sub-merchant id is set (setStoreSubMchid): from then on it sells.
 *
 * Primary course of submit: 1. refuse when the store has a sub-merchant id or an application under way;
 * 2. send it with out_request_no `APPLY<mid>N<attempt>` (a retried submit of the same attempt is the same
 * application at WeChat Pay); 3. store it (conditional on the attempt read).
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { Applyment, FINAL_APPLYMENT_STATES, type ApplymentNextStep, type PaymentAccount, type SubmitApplymentInput } from '@wxshop/shared/payment-accounts';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { AppError, ConflictError, NotFoundError, isConditionFailure } from '../lib/errors';
import { ExternalServiceError } from '../lib/adapters/config';
import { WechatPayApiError } from '../lib/adapters/wechatpay';
import { queryApplyment, submitApplyment as sendApplyment, type ApplymentStatus } from '../lib/adapters/wechatpay-ecommerce';
import { logger } from '../lib/logger';
import { setStoreSubMchid } from '../orders/stores';

/** AP85: the store's latest application (entity `PaymentAccount`). */
export const PaymentAccountItem = Applyment.extend({ entity: z.literal('PaymentAccount'), merchantId: z.string(), attempt: z.number().int() });
export type PaymentAccountItem = z.infer<typeof PaymentAccountItem>;

async function readStore(merchantId: string): Promise<{ subMchid: string | null }> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.merchant(merchantId), ConsistentRead: true }));
  if (!out.Item) throw new NotFoundError('merchant');
  return { subMchid: typeof out.Item.subMchid === 'string' && out.Item.subMchid ? out.Item.subMchid : null };
}

async function readApplication(merchantId: string): Promise<PaymentAccountItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.paymentAccount(merchantId), ConsistentRead: true }));
  return out.Item ? PaymentAccountItem.parse(out.Item) : undefined;
}

/** Saves the application unless another write moved it on meanwhile (same attempt and same state read). @returns whether it saved */
async function save(next: PaymentAccountItem, prev: PaymentAccountItem | undefined): Promise<boolean> {
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.paymentAccount(next.merchantId), ...next },
        ...(prev
          ? {
              ConditionExpression: 'attempt = :a AND #s = :s',
              ExpressionAttributeNames: { '#s': 'state' },
              ExpressionAttributeValues: { ':a': prev.attempt, ':s': prev.state },
            }
          : { ConditionExpression: 'attribute_not_exists(PK)' }),
      }),
    );
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}

const isFinal = (a: Pick<PaymentAccountItem, 'state'>): boolean => FINAL_APPLYMENT_STATES.includes(a.state);

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
  if (a && !isFinal(a)) {
    let status: ApplymentStatus;
    try {
      status = await queryApplyment(a.outRequestNo);
    } catch (err) {
      // the page still shows what we know; the next read asks again
      logger.warn('applyment query failed', { merchantId, err: String(err) });
      return view(merchantId, store.subMchid, a);
    }
    const next = withStatus(a, status, now.toISOString());
    if (await save(next, a)) a = next;
    else a = await readApplication(merchantId);
  }
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
