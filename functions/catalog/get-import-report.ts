import { getImportReport } from '@wxshop/shared';
import { http } from '../lib/http';
import * as imports from './import';

export const handler = http(getImportReport, async ({ params }) => imports.getImportReport(params.merchantId, params.importId));
