/**
 * Reasons the platform gives a merchant (a rejected application or product, a store status
 * change, an arbitration both sides read). The limits are those of the API bodies (RejectApplicationInput,
 * RejectProductInput, SetMerchantStatusInput, DecideArbitrationInput), checked here so the form can say
 * what is wrong before sending.
 */
export const REASON_LIMITS = {
  application: { min: 2, max: 500 },
  product: { min: 1, max: 500 },
  status: { min: 2, max: 500 },
  arbitration: { min: 1, max: 200 },
} as const;
export type ReasonKind = keyof typeof REASON_LIMITS;

export type ReasonProblem = { problem: 'required' } | { problem: 'too_short'; min: number } | { problem: 'too_long'; max: number };

/** What is wrong with a reason (after trimming), or null when it can be sent. */
export function reasonProblem(text: string, kind: ReasonKind): ReasonProblem | null {
  const { min, max } = REASON_LIMITS[kind];
  const length = [...text.trim()].length;
  if (length === 0) return { problem: 'required' };
  if (length < min) return { problem: 'too_short', min };
  if (length > max) return { problem: 'too_long', max };
  return null;
}
