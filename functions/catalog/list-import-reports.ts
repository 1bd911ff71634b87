import { listImportReports } from '@wxshop/shared/api/catalog';
import { http } from '../lib/http';
import * as imports from './import';

export const handler = http(listImportReports, async ({ params, query }) => imports.listImportReports(params.merchantId, query));
