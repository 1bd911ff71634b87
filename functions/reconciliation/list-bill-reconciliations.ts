import { listBillReconciliations } from '@wxshop/shared/api/reconciliation';
import { http } from '../lib/http';
import { listReports } from './reports';

export const handler = http(listBillReconciliations, async ({ query }) => listReports(query.limit, query.cursor));
