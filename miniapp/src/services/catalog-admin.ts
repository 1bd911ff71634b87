/** A store's products as its staff manage them: drafts, review, shelves, uploads, CSV import. */
import {
  createProduct,
  createProductUpload,
  deleteProduct,
  getImportReport,
  getMerchantProduct,
  importProducts,
  listMerchantProducts,
  putProductOnShelf,
  submitProduct,
  takeProductOffShelf,
  updateProduct,
  type ImportReport,
  type MerchantProductView,
  type ProductContentInput,
  type ProductStatus,
  type ProductUploadType,
  type RouteResponse,
} from '@wxshop/shared';
import { putFile, type PickedFile } from '../platform/upload';
import { storage } from './storage';
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

/**
 * NOTE: the API has no "list my imports" route: this device remembers the reports it received
 * (newest first, at most 20 per store) and fetches each by id.
 */
export interface RememberedImport {
  id: string;
  createdAt: string;
  rows: number;
  accepted: number;
  refused: number;
}
const importsKey = (merchantId: string) => `wxshop.merchant.imports.${merchantId}`;

export function rememberedImports(merchantId: string): RememberedImport[] {
  const v = storage.get<RememberedImport[]>(importsKey(merchantId));
  return Array.isArray(v) ? v : [];
}

export function rememberImport(merchantId: string, r: ImportReport): RememberedImport[] {
  const entry: RememberedImport = { id: r.id, createdAt: r.createdAt, rows: r.rows, accepted: r.accepted, refused: r.refused };
  const next = [entry, ...rememberedImports(merchantId).filter((x) => x.id !== r.id)].slice(0, 20);
  storage.set(importsKey(merchantId), next);
  return next;
}
