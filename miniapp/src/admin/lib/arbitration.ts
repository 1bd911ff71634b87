import type { AfterSale, ArbitrationDecision, DecideArbitrationInput, ReturnAddress } from '@wxshop/shared/after-sales';

/** The decisions a case of this kind can take (docs/adr/0059): an exchange refunds nothing, a refund only sends nothing back. */
export function decisionsFor(kind: AfterSale['kind']): ArbitrationDecision[] {
  if (kind === 'refund_only') return ['refund', 'close'];
  if (kind === 'exchange') return ['return', 'close'];
  return ['refund', 'return', 'close'];
}

/** Yuan as typed (`12`, `12.5`, `12.50`) to fen; null when it is not an amount with at most two decimals. */
export function yuanToFen(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export interface DecisionForm {
  decision: ArbitrationDecision;
  reason: string;
  /** Yuan as typed; empty: the whole amount. */
  amount: string;
  address: ReturnAddress;
}

export type DecisionProblem = 'reason' | 'amount' | 'address' | null;

export const EMPTY_ADDRESS: ReturnAddress = { recipient: '', phone: '', region: '', detail: '' };

/** What is wrong with the form (checked as the API will, so the page says it before sending), or the body to send. */
export function decisionBody(
  c: Pick<AfterSale, 'kind' | 'total' | 'returnAddress'>,
  f: DecisionForm,
): { problem: DecisionProblem } | { body: DecideArbitrationInput } {
  const reason = f.reason.trim();
  if (reason.length === 0 || [...reason].length > 200) return { problem: 'reason' };
  const body: DecideArbitrationInput = { decision: f.decision, reason };
  if (f.decision === 'refund' && f.amount.trim() !== '') {
    const fen = yuanToFen(f.amount);
    if (fen === null || fen < 1 || fen > c.total.amount) return { problem: 'amount' };
    body.amount = fen;
  }
  if (f.decision === 'return' && !c.returnAddress) {
    const a = { recipient: f.address.recipient.trim(), phone: f.address.phone.trim(), region: f.address.region.trim(), detail: f.address.detail.trim() };
    if (!a.recipient || !a.region || !a.detail || !/^\+?[0-9-]{5,20}$/.test(a.phone)) return { problem: 'address' };
    body.returnAddress = a;
  }
  return { body };
}
