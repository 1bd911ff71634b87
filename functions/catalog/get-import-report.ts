import { getImportReport } from '@wxshop/shared/api/catalog';
import { http } from '../lib/http';
import * as imports from './import';

export const handler = http(getImportReport, async ({ params }) => imports.getImportReport(params.merchantId, params.importId));
