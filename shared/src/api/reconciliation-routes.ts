import { z } from 'zod';
import { defineRoute } from './route';
import { BillDate, BillProvider, BillReconciliation } from '../reconciliation';

/** A report without its differences: the list of days. */
const BillReconciliationSummary = BillReconciliation.omit({ differences: true });

export const listBillReconciliations = defineRoute({
  id: 'list-bill-reconciliations',
  method: 'GET',
  path: '/admin/reconciliation/bills',
  summary: "The daily reconciliations of the payment providers' bills (WeChat Pay's and Alipay's, one item each), latest day first",
  tag: 'admin',
  auth: { platform: 'platform:finance:read' },
  query: z.object({ cursor: z.string().max(512).optional(), limit: z.coerce.number().int().min(1).max(100).optional() }).strict(),
  response: z.object({ items: z.array(BillReconciliationSummary), nextCursor: z.string().nullable() }),
});

export const getBillReconciliation = defineRoute({
  id: 'get-bill-reconciliation',
  method: 'GET',
  path: '/admin/reconciliation/bills/{date}',
  summary: "One day's reconciliation of a provider's trade bill (`?provider=`, WeChat Pay's unless told) with every difference found",
  tag: 'admin',
  auth: { platform: 'platform:finance:read' },
  params: z.object({ date: BillDate }).strict(),
  query: z.object({ provider: BillProvider.default('wechatpay') }).strict(),
  response: BillReconciliation,
});

export const runBillReconciliation = defineRoute({
  id: 'run-bill-reconciliation',
  method: 'POST',
  path: '/admin/reconciliation/bills/{date}/run',
  summary:
    "Asks for a day's bill of a provider (WeChat Pay's unless told) to be downloaded and reconciled again (within 10 minutes; replaces that day's report)",
  tag: 'admin',
  auth: { platform: 'platform:finance:write' },
  params: z.object({ date: BillDate }).strict(),
  body: z.object({ provider: BillProvider.default('wechatpay') }).strict(),
  status: 202,
  rateLimit: [{ key: 'user', limit: 6, per: 60 }],
  response: BillReconciliation,
});
