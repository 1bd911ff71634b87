import { z } from 'zod';
import { defineRoute } from './route';
import { MerchantId, MerchantParams } from './params';
import { UploadTicket } from '../users';
import {
  Id,
  ImportReport,
  ImportSummaryPage,
  ListMerchantProductsQuery,
  MerchantProductPage,
  MerchantProductView,
  PageQuery,
  ProductContentInput,
  ProductImportInput,
  ProductUploadInput,
  RejectProductInput,
  StockAdjustmentInput,
  StockPosting,
  StockPostingPage,
} from '../catalog';

const ProductParams = z.object({ merchantId: MerchantId, productId: Id }).strict();
const SkuParams = z.object({ merchantId: MerchantId, productId: Id, skuId: Id }).strict();
const ImportParams = z.object({ merchantId: MerchantId, importId: Id }).strict();
const ReviewParams = z.object({ productId: Id }).strict();

// ---------------------------------------------------------------- merchant: products
export const createProductUpload = defineRoute({
  id: 'create-product-upload',
  method: 'POST',
  path: '/merchants/{merchantId}/product-uploads',
  summary:
    'A presigned S3 PUT URL under merchants/<mid>/products/ for a product image (PNG, JPEG or WebP, at most 5 MiB), video (MP4, at most 50 MiB) or CSV import file (at most 1 MiB); send the key back',
  tag: 'catalog',
  auth: { merchant: 'merchant:product:write' },
  params: MerchantParams,
  body: ProductUploadInput,
  response: UploadTicket,
  rateLimit: [{ key: 'user', limit: 300, per: 3600 }],
});

export const createProduct = defineRoute({
  id: 'create-product',
  method: 'POST',
  path: '/merchants/{merchantId}/products',
  summary:
    'Create a draft product with its SKU matrix and initial stock; prices are in the store currency (a price currency, status, merchantId or sales in the body is refused)',
  tag: 'catalog',
  auth: { merchant: 'merchant:product:write' },
  params: MerchantParams,
  body: ProductContentInput,
  response: MerchantProductView,
  status: 201,
  idempotent: true,
});

export const listMerchantProducts = defineRoute({
  id: 'list-merchant-products',
  method: 'GET',
  path: '/merchants/{merchantId}/products',
  summary: "The store's products, newest change first, optionally one status tab (draft, submitted, approved, rejected, off_shelf); cursor paging",
  tag: 'catalog',
  auth: { merchant: 'merchant:product:read' },
  params: MerchantParams,
  query: ListMerchantProductsQuery,
  response: MerchantProductPage,
});

export const getMerchantProduct = defineRoute({
  id: 'get-merchant-product',
  method: 'GET',
  path: '/merchants/{merchantId}/products/{productId}',
  summary: 'One product of the store with all its SKUs (removed combinations included); 404 for another store',
  tag: 'catalog',
  auth: { merchant: 'merchant:product:read' },
  params: ProductParams,
  response: MerchantProductView,
});

export const updateProduct = defineRoute({
  id: 'update-product',
  method: 'PUT',
  path: '/merchants/{merchantId}/products/{productId}',
  summary:
    'Replace the content of a draft, rejected or off-shelf product (409 while submitted or on sale: take it off-shelf first). SKUs keep their ids for unchanged combinations; removed combinations are disabled, not deleted',
  tag: 'catalog',
  auth: { merchant: 'merchant:product:write' },
  params: ProductParams,
  body: ProductContentInput,
  response: MerchantProductView,
  idempotent: true,
});

export const deleteProduct = defineRoute({
  id: 'delete-product',
  method: 'DELETE',
  path: '/merchants/{merchantId}/products/{productId}',
  summary: 'Delete a draft that was never submitted (409 otherwise: take it off-shelf instead); its SKU codes become free again',
  tag: 'catalog',
  auth: { merchant: 'merchant:product:write' },
  params: ProductParams,
  response: z.object({ ok: z.literal(true) }),
});

export const submitProduct = defineRoute({
  id: 'submit-product',
  method: 'POST',
  path: '/merchants/{merchantId}/products/{productId}/submit',
  summary: 'Send a draft or rejected product to platform review (status submitted)',
  tag: 'catalog',
  auth: { merchant: 'merchant:product:write' },
  params: ProductParams,
  response: MerchantProductView,
  idempotent: true,
});

export const takeProductOffShelf = defineRoute({
  id: 'take-product-off-shelf',
  method: 'POST',
  path: '/merchants/{merchantId}/products/{productId}/off-shelf',
  summary: 'Stop selling an approved product (status off_shelf); its history, SKUs and stock stay',
  tag: 'catalog',
  auth: { merchant: 'merchant:product:write' },
  params: ProductParams,
  response: MerchantProductView,
  idempotent: true,
});

export const putProductOnShelf = defineRoute({
  id: 'put-product-on-shelf',
  method: 'POST',
  path: '/merchants/{merchantId}/products/{productId}/on-shelf',
  summary: 'Re-list an off-shelf product: approved again at once when its content is the approved version, otherwise sent to review (submitted)',
  tag: 'catalog',
  auth: { merchant: 'merchant:product:write' },
  params: ProductParams,
  response: MerchantProductView,
  idempotent: true,
});

// ---------------------------------------------------------------- merchant: stock
export const adjustSkuStock = defineRoute({
  id: 'adjust-sku-stock',
  method: 'POST',
  path: '/merchants/{merchantId}/products/{productId}/skus/{skuId}/stock',
  summary: 'Change a SKU stock by a signed delta with a note (reason adjustment); never below zero (422); send an Idempotency-Key',
  tag: 'catalog',
  auth: { merchant: 'merchant:product:write' },
  params: SkuParams,
  body: StockAdjustmentInput,
  response: StockPosting,
  status: 201,
  idempotent: true,
});

export const listStockPostings = defineRoute({
  id: 'list-stock-postings',
  method: 'GET',
  path: '/merchants/{merchantId}/products/{productId}/skus/{skuId}/postings',
  summary: "A SKU's stock postings (initial, adjustment, order, cancel, return), newest first; cursor paging",
  tag: 'catalog',
  auth: { merchant: 'merchant:product:read' },
  params: SkuParams,
  query: PageQuery,
  response: StockPostingPage,
});

// ---------------------------------------------------------------- merchant: CSV import
export const importProducts = defineRoute({
  id: 'import-products',
  method: 'POST',
  path: '/merchants/{merchantId}/products/import',
  summary:
    'Import draft products from CSV (one row per SKU, grouped by handle; see docs/samples/products.csv): inline csv (<= 60 KB) or the key of an uploaded text/csv (<= 1 MiB, <= 500 rows). Answers the per-product report; a refused product writes nothing',
  tag: 'catalog',
  auth: { merchant: 'merchant:product:write' },
  params: MerchantParams,
  body: ProductImportInput,
  response: ImportReport,
  status: 201,
  idempotent: true,
  rateLimit: [{ key: 'user', limit: 30, per: 3600 }],
});

export const listImportReports = defineRoute({
  id: 'list-import-reports',
  method: 'GET',
  path: '/merchants/{merchantId}/product-imports',
  summary: "The store's CSV imports, newest first, with their counts (the detail is GET .../product-imports/{importId}); cursor paging",
  tag: 'catalog',
  auth: { merchant: 'merchant:product:read' },
  params: MerchantParams,
  query: PageQuery,
  response: ImportSummaryPage,
});

export const getImportReport = defineRoute({
  id: 'get-import-report',
  method: 'GET',
  path: '/merchants/{merchantId}/product-imports/{importId}',
  summary: 'The stored report of one CSV import',
  tag: 'catalog',
  auth: { merchant: 'merchant:product:read' },
  params: ImportParams,
  response: ImportReport,
});

// ---------------------------------------------------------------- platform: review
export const listProductsForReview = defineRoute({
  id: 'list-products-for-review',
  method: 'GET',
  path: '/admin/products/review',
  summary: 'Products waiting for review (submitted), oldest first; cursor paging',
  tag: 'admin',
  auth: { platform: 'platform:product:review' },
  query: PageQuery,
  response: MerchantProductPage,
});

export const getProductForReview = defineRoute({
  id: 'get-product-for-review',
  method: 'GET',
  path: '/admin/products/{productId}',
  summary: 'Any product with all its SKUs, for the reviewer',
  tag: 'admin',
  auth: { platform: 'platform:product:review' },
  params: ReviewParams,
  response: MerchantProductView,
});

export const approveProduct = defineRoute({
  id: 'approve-product',
  method: 'POST',
  path: '/admin/products/{productId}/approve',
  summary: 'Approve a submitted product: on sale now, or at its onSaleAt (409 unless submitted)',
  tag: 'admin',
  auth: { platform: 'platform:product:review' },
  params: ReviewParams,
  response: MerchantProductView,
  idempotent: true,
});

export const rejectProduct = defineRoute({
  id: 'reject-product',
  method: 'POST',
  path: '/admin/products/{productId}/reject',
  summary: 'Reject a submitted product with a reason the merchant sees (409 unless submitted)',
  tag: 'admin',
  auth: { platform: 'platform:product:review' },
  params: ReviewParams,
  body: RejectProductInput,
  response: MerchantProductView,
  idempotent: true,
});
