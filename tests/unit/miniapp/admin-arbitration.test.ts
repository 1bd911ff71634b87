import { DecideArbitrationInput } from '@wxshop/shared/after-sales';
import { EMPTY_ADDRESS, decisionBody, decisionsFor, yuanToFen, type DecisionForm } from '../../../miniapp/src/admin/lib/arbitration';

const CASE = { kind: 'return_refund' as const, total: { amount: 5000, currency: 'CNY' as const }, returnAddress: null };
const form = (over: Partial<DecisionForm> = {}): DecisionForm => ({ decision: 'refund', reason: '支持买家', amount: '', address: EMPTY_ADDRESS, ...over });
const ADDRESS = { recipient: '售后部', phone: '13800138000', region: '浙江省杭州市', detail: '文三路 100 号' };

describe('the arbitration decision form', () => {
  it('offers only the decisions the kind can take', () => {
    expect(decisionsFor('refund_only')).toEqual(['refund', 'close']);
    expect(decisionsFor('return_refund')).toEqual(['refund', 'return', 'close']);
    expect(decisionsFor('exchange')).toEqual(['return', 'close']);
  });

  it.each([
    ['12', 1200],
    ['12.5', 1250],
    ['0.01', 1],
    [' 49.99 ', 4999],
    ['12.345', null],
    ['-1', null],
    ['1e3', null],
    ['', null],
  ])('reads %p yuan as %p fen', (text, fen) => {
    expect(yuanToFen(text)).toBe(fen);
  });

  it('refuses an empty reason, an amount above the case or below a fen, and a return without a whole address', () => {
    expect(decisionBody(CASE, form({ reason: '  ' }))).toEqual({ problem: 'reason' });
    expect(decisionBody(CASE, form({ amount: '50.01' }))).toEqual({ problem: 'amount' });
    expect(decisionBody(CASE, form({ amount: '0' }))).toEqual({ problem: 'amount' });
    expect(decisionBody(CASE, form({ decision: 'return', address: { ...ADDRESS, phone: 'call me' } }))).toEqual({ problem: 'address' });
  });

  it('sends what the API accepts: the whole amount by default, a part in fen, the trimmed address', () => {
    const cases: DecisionForm[] = [
      form(),
      form({ amount: '20.5' }),
      form({ decision: 'return', address: { ...ADDRESS, recipient: ' 售后部 ' } }),
      form({ decision: 'close', amount: '1' }),
    ];
    const bodies = cases.map((f) => decisionBody(CASE, f));
    expect(bodies).toEqual([
      { body: { decision: 'refund', reason: '支持买家' } },
      { body: { decision: 'refund', reason: '支持买家', amount: 2050 } },
      { body: { decision: 'return', reason: '支持买家', returnAddress: ADDRESS } },
      { body: { decision: 'close', reason: '支持买家' } },
    ]);
    for (const b of bodies) if ('body' in b) expect(DecideArbitrationInput.safeParse(b.body).success).toBe(true);
    // a case that has its address already sends none
    expect(decisionBody({ ...CASE, returnAddress: ADDRESS }, form({ decision: 'return' }))).toEqual({ body: { decision: 'return', reason: '支持买家' } });
  });
});
