import { AddressInput, type Address, type MessageKey } from '@wxshop/shared';

export interface AddressForm {
  recipient: string;
  phone: string;
  regionCode: string;
  /** What the region picker shows ("浙江省 杭州市 西湖区"). */
  regionText: string;
  detail: string;
  postalCode: string;
  label: string;
  isDefault: boolean;
}

export const emptyForm = (): AddressForm => ({
  recipient: '',
  phone: '',
  regionCode: '',
  regionText: '',
  detail: '',
  postalCode: '',
  label: '',
  isDefault: false,
});

export function formOf(a: Address): AddressForm {
  const r = a.region;
  return {
    recipient: a.recipient,
    phone: a.phone,
    regionCode: a.regionCode,
    regionText: [r.province, r.city === r.province ? null : r.city, r.district].filter(Boolean).join(' '),
    detail: a.detail,
    postalCode: a.postalCode ?? '',
    label: a.label ?? '',
    isDefault: a.isDefault,
  };
}

/** The whole address as the API takes it (an update replaces every field). */
export function inputOf(a: Address): AddressInput {
  return {
    recipient: a.recipient,
    phone: a.phone,
    country: a.country,
    regionCode: a.regionCode,
    detail: a.detail,
    ...(a.postalCode ? { postalCode: a.postalCode } : {}),
    ...(a.label ? { label: a.label } : {}),
  };
}

const FIELD_MESSAGES: Record<string, MessageKey> = {
  recipient: 'checkout.err_recipient',
  phone: 'checkout.err_phone',
  regionCode: 'checkout.err_region',
  detail: 'checkout.err_detail',
  postalCode: 'checkout.err_postal',
  label: 'checkout.err_label',
};

/** Checks the form with the API's own schema: the input to send, or a message key per failing field. */
export function validate(form: AddressForm): { input: AddressInput } | { errors: Record<string, MessageKey> } {
  const candidate = {
    recipient: form.recipient.trim(),
    phone: form.phone.replace(/\s+/g, ''),
    country: 'CN' as const,
    regionCode: form.regionCode,
    detail: form.detail.trim(),
    ...(form.postalCode.trim() ? { postalCode: form.postalCode.trim() } : {}),
    ...(form.label.trim() ? { label: form.label.trim() } : {}),
    isDefault: form.isDefault,
  };
  const parsed = AddressInput.safeParse(candidate);
  if (parsed.success) return { input: candidate };
  const errors: Record<string, MessageKey> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= FIELD_MESSAGES[field] ?? 'checkout.err_detail';
  }
  return { errors };
}

/** Field errors of a 400 from the API, as message keys. */
export function serverErrors(fields: Record<string, string> | undefined): Record<string, MessageKey> {
  const out: Record<string, MessageKey> = {};
  for (const k of Object.keys(fields ?? {})) {
    const field = k.split('.')[0] ?? k;
    if (FIELD_MESSAGES[field]) out[field] = FIELD_MESSAGES[field];
  }
  return out;
}
