/**
 * Platform arbitration of escalated after-sale cases (docs/adr/0059).
 *
 * addEvidence, primary course: 1. the caller's side of the case (the shopper's own, or the store's);
 * 2. the case escalated (409 otherwise), the side under its count (422), the photos the caller's uploads
 * (400); 3. ONE transaction conditioned on the case's version: the case (history entry, count), the
 * evidence item (AP112) and the `AfterSaleEvidenceAdded` event (the other side hears of it).
 *
 * decideArbitration, primary course: 1. read the case (escalated, else 409: a second decision, from a
 * retry without its Idempotency-Key or another staff member, finds it decided); 2. check the decision
 * against the case's kind and the amount against what it may refund (422); 3. ONE transaction
 * conditioned on the case's version: the case, its event, the queue entry out (AP111) and, for a refund,
 * the refund to do (AP103); 4. a refund then goes out through processRefund, the code path of a store's
 * approval (out_refund_no `AS<case id>`: WeChat Pay refunds it once whatever retries).
 */
import { ulid } from 'ulid';
import {
  MAX_EVIDENCE_PER_SIDE,
  type AddEvidenceInput,
  type AfterSale,
  type AfterSaleEvidence,
  type AfterSalePage,
  type ArbitrationCase,
  type DecideArbitrationInput,
  type EvidenceList,
  type EvidenceSide,
  type ReturnAddress,
} from '@wxshop/shared/after-sales';
import type { Money } from '@wxshop/shared/money';
import { NotFoundError, UnprocessableError } from '../lib/errors';
import { objectKeys } from '../lib/object-keys';
import { logger } from '../lib/logger';
import { assertUploaded, privateImageUrl } from '../merchants/uploads';
import type { AfterSaleItem } from './items';
import { commitStep, pendingRefund, retrying, startRefund, step } from './cases';
import { deleteKey, evidencePut, listArbitrationQueue, listEvidence, readCase, refundToDoPut, toAfterSale } from './repo';

export interface EvidenceCaller {
  side: EvidenceSide;
  userId: string;
  /** The store the caller speaks for (merchant side): another store's case is a 404. */
  merchantId?: string;
}

/** Adds one side's evidence to an escalated case. See the module comment. */
export async function addEvidence(caller: EvidenceCaller, afterSaleId: string, input: AddEvidenceInput, now = new Date()): Promise<AfterSaleEvidence> {
  const photoKeys = input.photoKeys ?? [];
  if (photoKeys.length) await assertUploaded(photoKeys, objectKeys.afterSalePhotos(caller.userId), 'body.photoKeys');
  const text = input.text.trim();
  const id = ulid(now.getTime());
  return retrying(async () => {
    const c = await readCase(afterSaleId);
    const theirs = caller.side === 'shopper' ? c.userId === caller.userId : c.merchantId === caller.merchantId;
    if (!theirs) throw new NotFoundError('after-sale case');
    const at = now.toISOString();
    const t = step(c, 'add_evidence', { kind: caller.side, id: caller.userId }, at, `evidence ${id}`);
    if (c.evidenceCount[caller.side] >= MAX_EVIDENCE_PER_SIDE) throw new UnprocessableError(`At most ${MAX_EVIDENCE_PER_SIDE} pieces of evidence a side`);
    const evidence: AfterSaleEvidence = { id, afterSaleId, side: caller.side, actorId: caller.userId, text, photoKeys, createdAt: at };
    const next: AfterSaleItem = {
      ...c,
      history: [...c.history, t.entry],
      evidenceCount: { ...c.evidenceCount, [caller.side]: c.evidenceCount[caller.side] + 1 },
      updatedAt: at,
      version: c.version + 1,
    };
    await commitStep(c, next, now, [evidencePut(evidence)]);
    return evidence;
  });
}

/** The arbitration queue (AP111): escalated cases, the longest waiting first. */
export const arbitrationQueue = (q: { cursor?: string; limit?: number }): Promise<AfterSalePage> => listArbitrationQueue(q);

const urls = (photoKeys: readonly string[]): Promise<string[]> => Promise.all(photoKeys.map((k) => privateImageUrl(k)));

const withUrls = (evidence: AfterSaleEvidence[]) => Promise.all(evidence.map(async (e) => ({ ...e, photoUrls: await urls(e.photoKeys) })));

/** Both sides' evidence of a case, for one side (its own case: another's is a 404). */
export async function evidenceFor(caller: Omit<EvidenceCaller, 'userId'> & { userId?: string }, afterSaleId: string): Promise<EvidenceList> {
  const [c, evidence] = await Promise.all([readCase(afterSaleId), listEvidence(afterSaleId)]);
  const theirs = caller.side === 'shopper' ? c.userId === caller.userId : c.merchantId === caller.merchantId;
  if (!theirs) throw new NotFoundError('after-sale case');
  return { items: await withUrls(evidence) };
}

/** A case with both sides' evidence (photos as signed URLs); its history holds every step (who, when, why). */
export async function getArbitrationCase(afterSaleId: string): Promise<ArbitrationCase> {
  const [c, evidence] = await Promise.all([readCase(afterSaleId), listEvidence(afterSaleId)]);
  return {
    case: toAfterSale(c),
    photoUrls: await urls(c.photoKeys),
    evidence: await withUrls(evidence),
  };
}

const money = (amount: number, currency: Money['currency']): Money => ({ amount, currency });

/** The decision checked against the case: its kind, the amount it may refund, a return's address. */
function refuseDecision(c: AfterSaleItem, input: DecideArbitrationInput): void {
  if (input.decision === 'refund' && c.kind === 'exchange') throw new UnprocessableError('An exchange refunds nothing: decide return or close');
  if (input.decision === 'return' && c.kind === 'refund_only') throw new UnprocessableError('A refund only has nothing to send back: decide refund or close');
  if (input.amount !== undefined) {
    if (input.decision === 'close' || c.kind === 'exchange') throw new UnprocessableError('Only a refund has an amount');
    if (input.amount > c.total.amount) throw new UnprocessableError(`At most ${c.total.amount} fen may be refunded for this case`);
  }
  if (input.decision === 'return' && !input.returnAddress && !c.returnAddress) throw new UnprocessableError('Give the address the goods go back to');
}

/**
 * Customer service decides an escalated case (see the module comment): for the shopper (`refund` now,
 * or `return` first) or for the store (`close`). Who, when and why go into its history and its event.
 * @throws 404 no such case, 409 invalid_transition (not escalated: already decided), 422 (see refuseDecision)
 */
export async function decideArbitration(staffId: string, afterSaleId: string, input: DecideArbitrationInput, now = new Date()): Promise<AfterSale> {
  const next = await retrying(async () => {
    const c = await readCase(afterSaleId);
    const at = now.toISOString();
    const action = input.decision === 'refund' ? 'arbitrate_refund' : input.decision === 'return' ? 'arbitrate_return' : 'arbitrate_close';
    const t = step(c, action, { kind: 'platform', id: staffId }, at, input.reason);
    refuseDecision(c, input);
    const cur = c.total.currency;
    const amount = input.amount !== undefined ? money(input.amount, cur) : null;
    const base: AfterSaleItem = {
      ...c,
      status: t.to,
      history: [...c.history, t.entry],
      arbitration: { decision: input.decision, amount, reason: input.reason, by: staffId, at },
      queueKey: null,
      updatedAt: at,
      version: c.version + 1,
    };
    const out = c.queueKey ? [deleteKey(c.queueKey)] : [];
    let decided: AfterSaleItem = base;
    if (input.decision === 'refund') {
      // a part of the case's amount: the shipping share first kept, then the goods' (the claim stays whole: ADR 0059)
      const total = amount ?? c.total;
      const shipping = money(Math.min(c.shipping.amount, total.amount), cur);
      decided = { ...base, total, shipping, goods: money(total.amount - shipping.amount, cur), refund: pendingRefund(c.id, total) };
      await commitStep(c, decided, now, [...out, refundToDoPut(c.id, at)]);
    } else {
      if (input.decision === 'return') decided = { ...base, returnAddress: (input.returnAddress as ReturnAddress | undefined) ?? c.returnAddress };
      await commitStep(c, decided, now, out);
    }
    return decided;
  });
  logger.info('after-sale arbitrated', { afterSaleId, decision: input.decision, staffId, status: next.status, total: next.total.amount });
  if (next.status === 'refunding') return toAfterSale(await startRefund(afterSaleId, now));
  return toAfterSale(next);
}
