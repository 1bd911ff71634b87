/** After-sale cases (docs/adr/0055, 0056, 0058): the shopper's requests and the store's queue. */
import {
  approveAfterSale,
  cancelMyAfterSale,
  confirmAfterSaleReturn,
  createAfterSaleUpload,
  escalateAfterSale,
  getMerchantAfterSale,
  getMyAfterSale,
  listMerchantAfterSales,
  listMyAfterSales,
  quoteAfterSale,
  rejectAfterSale,
  requestAfterSale,
  sendAfterSaleReturn,
  type AfterSale,
  type AfterSalePage,
  type AfterSaleQuote,
  type AfterSaleStatus,
  type ConfirmReturnInput,
  type QuoteAfterSaleInput,
  type RequestAfterSaleInput,
  type ReturnAddress,
  type SendReturnInput,
} from '@wxshop/shared';
import { putFile, type PickedFile } from '../platform/upload';
import { api } from './request';

export type { AfterSale, AfterSalePage, AfterSaleQuote, AfterSaleStatus, ReturnAddress };

export const AFTER_SALES_PAGE_SIZE = 10;
const PHOTO_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const MAX_AFTER_SALE_PHOTO_BYTES = 5 * 1024 * 1024;

/** The shopper's cases, newest first (one order's with `orderId`). */
export function fetchMyAfterSales(cursor?: string, orderId?: string): Promise<AfterSalePage> {
  return api.call(listMyAfterSales, { query: { cursor, orderId, limit: AFTER_SALES_PAGE_SIZE } });
}

export function fetchMyAfterSale(afterSaleId: string): Promise<AfterSale> {
  return api.call(getMyAfterSale, { params: { afterSaleId } });
}

/** What these units would refund (the server's rules) and what is left of each line. */
export function fetchAfterSaleQuote(input: QuoteAfterSaleInput): Promise<AfterSaleQuote> {
  return api.call(quoteAfterSale, { body: input });
}

/** Uploads one photo (presigned PUT into the shopper's own prefix) and returns its key. */
export async function uploadAfterSalePhoto(file: PickedFile): Promise<string> {
  const type = (PHOTO_TYPES as readonly string[]).includes(file.type) ? (file.type as (typeof PHOTO_TYPES)[number]) : 'image/jpeg';
  const ticket = await api.call(createAfterSaleUpload, { body: { contentType: type, size: file.size } });
  await putFile(ticket, file);
  return ticket.key;
}

/** Sends the request; `idempotencyKey` is one per attempt (a retry of the same tap gets the same case). */
export function submitAfterSale(input: RequestAfterSaleInput, idempotencyKey: string): Promise<AfterSale> {
  return api.call(requestAfterSale, { body: input, idempotencyKey });
}

export function cancelAfterSale(afterSaleId: string): Promise<AfterSale> {
  return api.call(cancelMyAfterSale, { params: { afterSaleId }, body: {} });
}

export function sendReturn(afterSaleId: string, body: SendReturnInput): Promise<AfterSale> {
  return api.call(sendAfterSaleReturn, { params: { afterSaleId }, body });
}

export function escalate(afterSaleId: string, text: string): Promise<AfterSale> {
  return api.call(escalateAfterSale, { params: { afterSaleId }, body: { text } });
}

/** The store's queue in one status (`requested`: the nearest deadline first). */
export function fetchStoreAfterSales(merchantId: string, status: AfterSaleStatus, cursor?: string, limit = 20): Promise<AfterSalePage> {
  return api.call(listMerchantAfterSales, { params: { merchantId }, query: { status, limit, ...(cursor ? { cursor } : {}) } });
}

export function fetchStoreAfterSale(merchantId: string, afterSaleId: string): Promise<AfterSale> {
  return api.call(getMerchantAfterSale, { params: { merchantId, afterSaleId } });
}

export function approveStoreAfterSale(merchantId: string, afterSaleId: string, returnAddress?: ReturnAddress): Promise<AfterSale> {
  return api.call(approveAfterSale, { params: { merchantId, afterSaleId }, body: returnAddress ? { returnAddress } : {} });
}

export function rejectStoreAfterSale(merchantId: string, afterSaleId: string, reason: string): Promise<AfterSale> {
  return api.call(rejectAfterSale, { params: { merchantId, afterSaleId }, body: { reason } });
}

export function confirmStoreReturn(merchantId: string, afterSaleId: string, body: ConfirmReturnInput): Promise<AfterSale> {
  return api.call(confirmAfterSaleReturn, { params: { merchantId, afterSaleId }, body });
}
