/** The store application form: checks with translated messages, and the body of POST/PUT /merchant-applications. */
import { ApplicationInput, type Application, type BusinessType, type MessageKey } from '@wxshop/shared';
import { normalizePhone } from '../../services/phone';
import type { FieldErrors } from './product-form';

export const MAX_DOCUMENTS = 6;

export interface ApplicationForm {
  businessType: BusinessType;
  storeName: string;
  licenceNumber: string;
  contactName: string;
  contactPhone: string;
  categoryId: string | null;
  /** Uploaded documents: key plus something to show. */
  documents: { key: string; url: string }[];
}

export function emptyApplicationForm(): ApplicationForm {
  return { businessType: 'company', storeName: '', licenceNumber: '', contactName: '', contactPhone: '', categoryId: null, documents: [] };
}

/** A rejected application, back in the form for "edit and reapply" (`urls`: the detail's document links). */
export function formFromApplication(a: Application, urls: readonly string[]): ApplicationForm {
  return {
    businessType: a.businessType,
    storeName: a.storeName,
    licenceNumber: a.licenceNumber,
    contactName: a.contactName,
    contactPhone: a.contactPhone.replace(/^\+86/, ''),
    categoryId: a.categoryId,
    documents: a.documentKeys.map((key, i) => ({ key, url: urls[i] ?? '' })),
  };
}

export function buildApplicationInput(form: ApplicationForm): { input: ApplicationInput | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const set = (field: string, key: MessageKey) => (errors[field] ??= key);
  const storeName = form.storeName.trim();
  if (!storeName) set('storeName', 'merchant.err.required');
  else if (storeName.length < 2 || storeName.length > 40) set('storeName', 'merchant.err.store_name');
  const licence = form.licenceNumber.trim().toUpperCase();
  if (!licence) set('licenceNumber', 'merchant.err.required');
  else if (!/^[0-9A-Z-]{6,32}$/.test(licence)) set('licenceNumber', 'merchant.err.licence');
  const contactName = form.contactName.trim();
  if (!contactName) set('contactName', 'merchant.err.required');
  else if (contactName.length > 32) set('contactName', 'merchant.err.too_long');
  const phone = normalizePhone(form.contactPhone);
  if (!form.contactPhone.trim()) set('contactPhone', 'merchant.err.required');
  else if (!phone) set('contactPhone', 'merchant.err.phone');
  if (!form.categoryId) set('categoryId', 'merchant.err.required');
  if (form.documents.length === 0) set('documentKeys', 'merchant.err.documents');
  if (form.documents.length > MAX_DOCUMENTS) set('documentKeys', 'merchant.err.too_many_documents');
  if (Object.keys(errors).length > 0) return { input: null, errors };
  const parsed = ApplicationInput.safeParse({
    businessType: form.businessType,
    storeName,
    licenceNumber: licence,
    contactName,
    contactPhone: phone,
    categoryId: form.categoryId,
    documentKeys: form.documents.map((d) => d.key),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) set(issue.path.map(String).join('.') || 'form', 'merchant.err.invalid');
    return { input: null, errors };
  }
  return { input: parsed.data, errors };
}
