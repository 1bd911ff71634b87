import { getBillReconciliation } from '@wxshop/shared/api/reconciliation';
import { http } from '../lib/http';
import { getReport } from './reports';

export const handler = http(getBillReconciliation, async ({ params, query }) => getReport(params.date, query.provider));
