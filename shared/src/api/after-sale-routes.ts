import { defineRoute } from './route';
import {
  AddEvidenceInput,
  AfterSale,
  AfterSaleEvidence,
  ArbitrationCase,
  ArbitrationQueueQuery,
  DecideArbitrationInput,
  EvidenceList,
  ShipReplacementInput,
  AfterSalePage,
  AfterSaleQuote,
  AfterSaleParams,
  ApproveAfterSaleInput,
  CancelAfterSaleInput,
  ConfirmReturnInput,
  EscalateAfterSaleInput,
  ListMerchantAfterSalesQuery,
  ListMyAfterSalesQuery,
  MerchantAfterSaleParams,
  MerchantAfterSalesParams,
  QuoteAfterSaleInput,
  RejectAfterSaleInput,
  RequestAfterSaleInput,
  SendReturnInput,
} from '../after-sales';
import { z } from 'zod';
import { ImageUploadRequest } from '../merchants';
import { UploadTicket } from '../users';

/**
 * After-sale (docs/adr/0055, 0056): the shopper asks for a refund (or a return and refund) of some units
 * of an order, sends the goods back, escalates a rejection; the store answers within its deadline and
 * confirms what came back. Amounts are computed by the API from the order, never sent by the client.
 * WeChat Pay's refund notifications arrive at `POST /payments/wechatpay/refund-notify` (a plain webhook).
 */

export const createAfterSaleUpload = defineRoute({
  id: 'create-after-sale-upload',
  method: 'POST',
  path: '/me/after-sale-uploads',
  summary: 'A presigned S3 PUT URL for one after-sale photo (PNG, JPEG or WebP, at most 5 MiB); its key goes into photoKeys',
  tag: 'after-sale',
  auth: 'user',
  body: ImageUploadRequest,
  response: UploadTicket,
  rateLimit: [{ key: 'user', limit: 60, per: 60 }],
});

export const quoteAfterSale = defineRoute({
  id: 'quote-after-sale',
  method: 'POST',
  path: '/me/after-sale-quotes',
  summary: 'What a request for these units would refund (computed here, as the request would) and what of each line can still be asked for; nothing is written',
  tag: 'after-sale',
  auth: 'user',
  body: QuoteAfterSaleInput,
  response: AfterSaleQuote,
});

export const requestAfterSale = defineRoute({
  id: 'request-after-sale',
  method: 'POST',
  path: '/me/after-sales',
  summary:
    'Ask for a refund, or a return and refund, of some units of an order (within the after-sale window); the amounts are computed here. Before shipment a refund is approved at once',
  tag: 'after-sale',
  auth: 'user',
  body: RequestAfterSaleInput,
  response: AfterSale,
  status: 201,
  idempotent: true,
  rateLimit: [{ key: 'user', limit: 30, per: 60 }],
});

export const listMyAfterSales = defineRoute({
  id: 'list-my-after-sales',
  method: 'GET',
  path: '/me/after-sales',
  summary: "The shopper's after-sale cases, newest first",
  tag: 'after-sale',
  auth: 'user',
  query: ListMyAfterSalesQuery,
  response: AfterSalePage,
});

export const getMyAfterSale = defineRoute({
  id: 'get-my-after-sale',
  method: 'GET',
  path: '/me/after-sales/{afterSaleId}',
  summary: 'An after-sale case of the shopper with every step (who, when, why), the return address and the refund',
  tag: 'after-sale',
  auth: 'user',
  params: AfterSaleParams,
  response: AfterSale,
});

export const cancelMyAfterSale = defineRoute({
  id: 'cancel-my-after-sale',
  method: 'POST',
  path: '/me/after-sales/{afterSaleId}/cancel',
  summary: 'Withdraw a case before its refund started: its units can be asked for again',
  tag: 'after-sale',
  auth: 'user',
  params: AfterSaleParams,
  body: CancelAfterSaleInput,
  response: AfterSale,
});

export const sendAfterSaleReturn = defineRoute({
  id: 'send-after-sale-return',
  method: 'POST',
  path: '/me/after-sales/{afterSaleId}/return',
  summary: 'The shopper sent the goods back: carrier and tracking number (an approved return and refund)',
  tag: 'after-sale',
  auth: 'user',
  params: AfterSaleParams,
  body: SendReturnInput,
  response: AfterSale,
});

export const escalateAfterSale = defineRoute({
  id: 'escalate-after-sale',
  method: 'POST',
  path: '/me/after-sales/{afterSaleId}/escalate',
  summary: 'Ask the platform to arbitrate a rejected case',
  tag: 'after-sale',
  auth: 'user',
  params: AfterSaleParams,
  body: EscalateAfterSaleInput,
  response: AfterSale,
});

export const listMerchantAfterSales = defineRoute({
  id: 'list-merchant-after-sales',
  method: 'GET',
  path: '/merchants/{merchantId}/after-sales',
  summary: "The store's after-sale cases in a status; `requested` lists the nearest deadline first",
  tag: 'after-sale',
  auth: { merchant: 'merchant:order:read' },
  params: MerchantAfterSalesParams,
  query: ListMerchantAfterSalesQuery,
  response: AfterSalePage,
});

export const getMerchantAfterSale = defineRoute({
  id: 'get-merchant-after-sale',
  method: 'GET',
  path: '/merchants/{merchantId}/after-sales/{afterSaleId}',
  summary: 'An after-sale case of the store',
  tag: 'after-sale',
  auth: { merchant: 'merchant:order:read' },
  params: MerchantAfterSaleParams,
  response: AfterSale,
});

export const approveAfterSale = defineRoute({
  id: 'approve-after-sale',
  method: 'POST',
  path: '/merchants/{merchantId}/after-sales/{afterSaleId}/approve',
  summary: 'Approve a requested case: a refund goes out now; a return and refund waits for the goods (give the return address)',
  tag: 'after-sale',
  auth: { merchant: 'merchant:order:write' },
  params: MerchantAfterSaleParams,
  body: ApproveAfterSaleInput,
  response: AfterSale,
});

export const rejectAfterSale = defineRoute({
  id: 'reject-after-sale',
  method: 'POST',
  path: '/merchants/{merchantId}/after-sales/{afterSaleId}/reject',
  summary: 'Reject a requested case with a reason (the shopper may escalate it)',
  tag: 'after-sale',
  auth: { merchant: 'merchant:order:write' },
  params: MerchantAfterSaleParams,
  body: RejectAfterSaleInput,
  response: AfterSale,
});

export const confirmAfterSaleReturn = defineRoute({
  id: 'confirm-after-sale-return',
  method: 'POST',
  path: '/merchants/{merchantId}/after-sales/{afterSaleId}/confirm-return',
  summary: 'The goods came back: the units received go back to stock and their refund goes out',
  tag: 'after-sale',
  auth: { merchant: 'merchant:order:write' },
  params: MerchantAfterSaleParams,
  body: ConfirmReturnInput,
  response: AfterSale,
});

// --- arbitration (docs/adr/0059)

export const addMyAfterSaleEvidence = defineRoute({
  id: 'add-my-after-sale-evidence',
  method: 'POST',
  path: '/me/after-sales/{afterSaleId}/evidence',
  summary: 'The shopper adds evidence to an escalated case: text and at most 9 photos (keys from /me/after-sale-uploads); at most 10 a side',
  tag: 'after-sale',
  auth: 'user',
  params: AfterSaleParams,
  body: AddEvidenceInput,
  response: AfterSaleEvidence,
  status: 201,
  rateLimit: [{ key: 'user', limit: 20, per: 60 }],
});

export const addMerchantAfterSaleEvidence = defineRoute({
  id: 'add-merchant-after-sale-evidence',
  method: 'POST',
  path: '/merchants/{merchantId}/after-sales/{afterSaleId}/evidence',
  summary: 'The store adds evidence to an escalated case (photos uploaded through /me/after-sale-uploads by the staff member)',
  tag: 'after-sale',
  auth: { merchant: 'merchant:order:write' },
  params: MerchantAfterSaleParams,
  body: AddEvidenceInput,
  response: AfterSaleEvidence,
  status: 201,
  rateLimit: [{ key: 'user', limit: 20, per: 60 }],
});

export const listMyAfterSaleEvidence = defineRoute({
  id: 'list-my-after-sale-evidence',
  method: 'GET',
  path: '/me/after-sales/{afterSaleId}/evidence',
  summary: "Both sides' evidence of the shopper's escalated case, oldest first (photos as short-lived links)",
  tag: 'after-sale',
  auth: 'user',
  params: AfterSaleParams,
  response: EvidenceList,
});

export const listMerchantAfterSaleEvidence = defineRoute({
  id: 'list-merchant-after-sale-evidence',
  method: 'GET',
  path: '/merchants/{merchantId}/after-sales/{afterSaleId}/evidence',
  summary: "Both sides' evidence of the store's escalated case, oldest first",
  tag: 'after-sale',
  auth: { merchant: 'merchant:order:read' },
  params: MerchantAfterSaleParams,
  response: EvidenceList,
});

export const listArbitrationCases = defineRoute({
  id: 'list-arbitration-cases',
  method: 'GET',
  path: '/admin/after-sales',
  summary: 'Escalated after-sale cases waiting for the platform, the longest waiting first',
  tag: 'admin',
  auth: { platform: 'platform:after_sale:arbitrate' },
  query: ArbitrationQueueQuery,
  response: AfterSalePage,
});

export const getArbitrationCase = defineRoute({
  id: 'get-arbitration-case',
  method: 'GET',
  path: '/admin/after-sales/{afterSaleId}',
  summary: "An after-sale case with every step (who, when, why) and both sides' evidence",
  tag: 'admin',
  auth: { platform: 'platform:after_sale:arbitrate' },
  params: AfterSaleParams,
  response: ArbitrationCase,
});

export const decideArbitration = defineRoute({
  id: 'decide-arbitration',
  method: 'POST',
  path: '/admin/after-sales/{afterSaleId}/decide',
  summary:
    'Decide an escalated case: refund now (optionally less), send it back to the return step, or close it for the store; carried out like a store approval',
  tag: 'admin',
  auth: { platform: 'platform:after_sale:arbitrate' },
  params: AfterSaleParams,
  body: DecideArbitrationInput,
  response: AfterSale,
  idempotent: true,
});

// --- exchange (docs/adr/0060)

export const shipAfterSaleReplacement = defineRoute({
  id: 'ship-after-sale-replacement',
  method: 'POST',
  path: '/merchants/{merchantId}/after-sales/{afterSaleId}/ship-replacement',
  summary: "An exchange's units came back: they go back to stock and the replacement leaves it with this waybill",
  tag: 'after-sale',
  auth: { merchant: 'merchant:order:write' },
  params: MerchantAfterSaleParams,
  body: ShipReplacementInput,
  response: AfterSale,
});

export const confirmAfterSaleReplacement = defineRoute({
  id: 'confirm-after-sale-replacement',
  method: 'POST',
  path: '/me/after-sales/{afterSaleId}/confirm-replacement',
  summary: 'The shopper received the replacement: the exchange is done',
  tag: 'after-sale',
  auth: 'user',
  params: AfterSaleParams,
  body: z.object({}).strict().optional(),
  response: AfterSale,
});
