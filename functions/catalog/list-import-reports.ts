import { listImportReports } from '@wxshop/shared';
import { http } from '../lib/http';
import * as imports from './import';

export const handler = http(listImportReports, async ({ params, query }) => imports.listImportReports(params.merchantId, query));
