import { Phone } from '@wxshop/shared';

/**
 * What a shopper types -> E.164. An 11-digit mainland mobile (1xxxxxxxxxx) gets +86; `86...` and
 * `0086...` become `+86...`; anything else must already start with `+`. Null when it is not a phone.
 */
export function normalizePhone(raw: string): string | null {
  const compact = raw.replace(/[\s\-()]/g, '');
  let candidate = compact;
  if (/^1\d{10}$/.test(compact)) candidate = `+86${compact}`;
  else if (/^0086\d+$/.test(compact)) candidate = `+${compact.slice(2)}`;
  else if (/^86\d{11}$/.test(compact)) candidate = `+${compact}`;
  const parsed = Phone.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}
