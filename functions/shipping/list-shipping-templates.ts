import { listShippingTemplates } from '@wxshop/shared/api/shipping';
import { http } from '../lib/http';
import { listTemplates } from './templates';

export const handler = http(listShippingTemplates, async ({ params }) => listTemplates(params.merchantId));
