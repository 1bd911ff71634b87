/**
 * The shipping template editor's form: fees typed in yuan (sent in fen), weights typed in kg (sent in
 * grams), region groups of provinces, regions not delivered to; checked like ShippingTemplateInput.
 */
import { ShippingTemplateInput, type FeeRule, type MessageKey, type ShippingTemplate } from '@wxshop/shared';
import { formatMinorUnits, parseCount, parseMinorUnits } from './money-input';

type Basis = ShippingTemplate['basis'];

export interface RuleDraft {
  first: string;
  firstFee: string;
  additional: string;
  additionalFee: string;
}

export interface TemplateForm {
  name: string;
  basis: Basis;
  defaultRule: RuleDraft;
  regionRules: (RuleDraft & { regionCodes: string[] })[];
  /** Empty: never free. */
  freeAbove: string;
  excludedRegions: string[];
  isDefault: boolean;
}

/** Field path (`defaultRule.firstFee`, `regionRules.0.regionCodes`) -> message key. */
export type TemplateErrors = Record<string, MessageKey>;

const KG_DIGITS = 3;
/** Units typed for a basis: items (whole numbers) or kilograms (up to 3 decimals, sent as grams). */
const unitText = (n: number, basis: Basis) => (basis === 'weight' ? trimZeros(formatMinorUnits(n, KG_DIGITS)) : String(n));
const trimZeros = (s: string) => s.replace(/\.?0+$/, '');

const ruleDraft = (r: FeeRule, basis: Basis, digits: number): RuleDraft => ({
  first: unitText(r.first, basis),
  firstFee: formatMinorUnits(r.firstFee, digits),
  additional: unitText(r.additional, basis),
  additionalFee: formatMinorUnits(r.additionalFee, digits),
});

export function emptyTemplateForm(isDefault: boolean): TemplateForm {
  return {
    name: '',
    basis: 'count',
    defaultRule: { first: '1', firstFee: '', additional: '1', additionalFee: '' },
    regionRules: [],
    freeAbove: '',
    excludedRegions: [],
    isDefault,
  };
}

export function formFromTemplate(t: ShippingTemplate, digits: number): TemplateForm {
  return {
    name: t.name,
    basis: t.basis,
    defaultRule: ruleDraft(t.defaultRule, t.basis, digits),
    regionRules: t.regionRules.map((r) => ({ ...ruleDraft(r, t.basis, digits), regionCodes: [...r.regionCodes] })),
    freeAbove: t.freeAbove === null ? '' : formatMinorUnits(t.freeAbove, digits),
    excludedRegions: [...t.excludedRegions],
    isDefault: t.isDefault,
  };
}

/** Regions already used by another group or excluded: a province belongs to one place only. */
export function takenRegions(form: TemplateForm, except: number | 'excluded'): Set<string> {
  const out = new Set<string>();
  form.regionRules.forEach((r, i) => i !== except && r.regionCodes.forEach((c) => out.add(c)));
  if (except !== 'excluded') form.excludedRegions.forEach((c) => out.add(c));
  return out;
}

export const toggleRegion = (codes: readonly string[], code: string): string[] => (codes.includes(code) ? codes.filter((c) => c !== code) : [...codes, code]);

function units(text: string, basis: Basis, path: string, errors: TemplateErrors): number {
  const n = basis === 'weight' ? parseMinorUnits(text, KG_DIGITS) : parseCount(text);
  if (!text.trim()) errors[path] = 'merchant.err.required';
  else if (n === null || n < 1 || n > 1_000_000) errors[path] = basis === 'weight' ? 'merchant.tpl.err_weight' : 'merchant.tpl.err_count';
  return n ?? 0;
}

function fee(text: string, digits: number, path: string, errors: TemplateErrors): number {
  const n = parseMinorUnits(text, digits);
  if (!text.trim()) errors[path] = 'merchant.err.required';
  else if (n === null || n > 100_000_00) errors[path] = 'merchant.err.price_format';
  return n ?? 0;
}

function rule(d: RuleDraft, basis: Basis, digits: number, path: string, errors: TemplateErrors): FeeRule {
  return {
    first: units(d.first, basis, `${path}.first`, errors),
    firstFee: fee(d.firstFee, digits, `${path}.firstFee`, errors),
    additional: units(d.additional, basis, `${path}.additional`, errors),
    additionalFee: fee(d.additionalFee, digits, `${path}.additionalFee`, errors),
  };
}

/** The request body, or the errors to show next to their fields. */
export function buildTemplateInput(form: TemplateForm, digits: number): { input: ShippingTemplateInput } | { errors: TemplateErrors } {
  const errors: TemplateErrors = {};
  const name = form.name.trim();
  if (!name) errors['name'] = 'merchant.err.required';
  else if (name.length > 40) errors['name'] = 'merchant.err.too_long';
  const defaultRule = rule(form.defaultRule, form.basis, digits, 'defaultRule', errors);
  const regionRules = form.regionRules.map((r, i) => {
    if (r.regionCodes.length === 0) errors[`regionRules.${i}.regionCodes`] = 'merchant.tpl.err_regions';
    return { ...rule(r, form.basis, digits, `regionRules.${i}`, errors), regionCodes: r.regionCodes };
  });
  let freeAbove: number | null = null;
  if (form.freeAbove.trim()) {
    const n = parseMinorUnits(form.freeAbove, digits);
    if (n === null || n < 1) errors['freeAbove'] = 'merchant.err.price_range';
    freeAbove = n;
  }
  if (Object.keys(errors).length) return { errors };
  const candidate = { name, basis: form.basis, defaultRule, regionRules, freeAbove, excludedRegions: form.excludedRegions, isDefault: form.isDefault };
  const parsed = ShippingTemplateInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[issue.path.map(String).join('.') || 'form'] ??= 'merchant.err.invalid';
    return { errors };
  }
  return { input: candidate };
}

/** The API's field errors (`body.regionRules.0.first`) as form errors. */
export function templateApiErrors(fields: Record<string, string> | undefined): TemplateErrors {
  const out: TemplateErrors = {};
  for (const raw of Object.keys(fields ?? {})) out[raw.replace(/^body\./, '')] = 'merchant.err.refused';
  return out;
}

/** A rule as one line: "first 1 item ¥10.00, each further 1 item ¥5.00" is built by the page from these parts. */
export const unitsLabel = (n: number, basis: Basis): string => unitText(n, basis);
