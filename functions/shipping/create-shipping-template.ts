import { createShippingTemplate } from '@wxshop/shared/api/shipping';
import { http } from '../lib/http';
import { createTemplate } from './templates';

export const handler = http(createShippingTemplate, async ({ body, params }) => createTemplate(params.merchantId, body));
