/** A store's products as its staff manage them: drafts, review, shelves, uploads, CSV import. */
import {
  createProduct,
  createProductUpload,
  deleteProduct,
  getImportReport,
  getMerchantProduct,
  importProducts,
  listImportReports,
  listMerchantProducts,
  putProductOnShelf,
  submitProduct,
  takeProductOffShelf,
  updateProduct,
  type ImportReport,
  type ImportSummary,
  type MerchantProductView,
  type ProductContentInput,
  type ProductStatus,
  type ProductUploadType,
  type RouteResponse,
} from '@wxshop/shared';
import { putFile, type PickedFile } from '../platform/upload';
import { api } from './request';

export type ProductPage = RouteResponse<typeof listMerchantProducts>;
export type ProductRow = ProductPage['items'][number];

export function fetchProducts(merchantId: string, status: ProductStatus | undefined, cursor?: string, limit = 20): Promise<ProductPage> {
  return api.call(listMerchantProducts, { params: { merchantId }, query: { limit, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) } });
}

export function fetchProduct(merchantId: string, productId: string): Promise<MerchantProductView> {
  return api.call(getMerchantProduct, { params: { merchantId, productId } });
}

export function createDraft(merchantId: string, body: ProductContentInput, idempotencyKey: string): Promise<MerchantProductView> {
  return api.call(createProduct, { params: { merchantId }, body, idempotencyKey });
}

export function saveProduct(merchantId: string, productId: string, body: ProductContentInput, idempotencyKey: string): Promise<MerchantProductView> {
  return api.call(updateProduct, { params: { merchantId, productId }, body, idempotencyKey });
}

export type ProductAction = 'submit' | 'off_shelf' | 'on_shelf' | 'delete';

/** One of the status changes of a product row. */
export async function runProductAction(merchantId: string, productId: string, action: ProductAction): Promise<void> {
  const params = { merchantId, productId };
  if (action === 'submit') await api.call(submitProduct, { params });
  else if (action === 'off_shelf') await api.call(takeProductOffShelf, { params });
  else if (action === 'on_shelf') await api.call(putProductOnShelf, { params });
  else await api.call(deleteProduct, { params });
}

/** Uploads a product image, video or CSV file and answers its key. */
export async function uploadProductFile(merchantId: string, file: PickedFile, contentType: ProductUploadType): Promise<string> {
  const ticket = await api.call(createProductUpload, { params: { merchantId }, body: { contentType, size: file.size } });
  await putFile(ticket, file);
  return ticket.key;
}

// ---------------------------------------------------------------- CSV import
export function importCsv(merchantId: string, source: { csv: string } | { key: string }, idempotencyKey: string): Promise<ImportReport> {
  return api.call(importProducts, { params: { merchantId }, body: source, idempotencyKey });
}

export function fetchImportReport(merchantId: string, importId: string): Promise<ImportReport> {
  return api.call(getImportReport, { params: { merchantId, importId } });
}

/** The store's imports, newest first, counts only (a page; the detail is fetchImportReport). */
export async function listImports(merchantId: string, cursor?: string): Promise<{ items: ImportSummary[]; nextCursor: string | null }> {
  return api.call(listImportReports, { params: { merchantId }, query: { limit: 20, ...(cursor ? { cursor } : {}) } });
}

/** A new report at the head of the list (it is the newest). */
export const withImport = (list: ImportSummary[], r: ImportReport): ImportSummary[] => [
  { id: r.id, createdAt: r.createdAt, createdBy: r.createdBy, rows: r.rows, accepted: r.accepted, refused: r.refused },
  ...list.filter((x) => x.id !== r.id),
];
