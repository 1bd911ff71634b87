import { getBillReconciliation } from '@wxshop/shared/api/reconciliation';
import { http } from '../lib/http';
import { getReport } from './reports';

export const handler = http(getBillReconciliation, async ({ params }) => getReport(params.date));
