import { getArbitrationCase } from '@wxshop/shared/api/after-sale';
import { http } from '../lib/http';
import * as arbitration from './arbitration';

export const handler = http(getArbitrationCase, async ({ params }) => arbitration.getArbitrationCase(params.afterSaleId));
