import { RejectApplicationInput, RejectProductInput, SetMerchantStatusInput } from '@wxshop/shared';
import { DecideArbitrationInput } from '@wxshop/shared/after-sales';
import { REASON_LIMITS, reasonProblem, type ReasonKind } from '../../../miniapp/src/admin/lib/reason';

const BODIES = {
  application: (reason: string) => RejectApplicationInput.safeParse({ reason }).success,
  product: (reason: string) => RejectProductInput.safeParse({ reason }).success,
  status: (reason: string) => SetMerchantStatusInput.safeParse({ status: 'warned', reason }).success,
  arbitration: (reason: string) => DecideArbitrationInput.safeParse({ decision: 'close', reason }).success,
} satisfies Record<ReasonKind, (reason: string) => boolean>;

describe('reasons given to merchants', () => {
  it('requires a reason that is not only spaces', () => {
    // Assert
    expect(reasonProblem('', 'application')).toEqual({ problem: 'required' });
    expect(reasonProblem('   \n ', 'product')).toEqual({ problem: 'required' });
  });

  it('names the minimum and maximum that were missed', () => {
    // Assert
    expect(reasonProblem(' a ', 'status')).toEqual({ problem: 'too_short', min: 2 });
    expect(reasonProblem('x'.repeat(501), 'application')).toEqual({ problem: 'too_long', max: 500 });
    expect(reasonProblem('照片不清晰', 'application')).toBeNull();
  });

  it.each(Object.keys(REASON_LIMITS) as ReasonKind[])('accepts exactly what the %s API body accepts', (kind) => {
    // Prepare: around both limits, with surrounding spaces the API trims
    const { min, max } = REASON_LIMITS[kind];
    const samples = ['', ' ', 'a', 'ab', ` ${'a'.repeat(min)} `, 'a'.repeat(Math.max(min - 1, 0)), 'a'.repeat(max), 'a'.repeat(max + 1)];

    // Act / Assert
    for (const text of samples) expect({ text, ok: reasonProblem(text, kind) === null }).toEqual({ text, ok: BODIES[kind](text) });
  });
});
