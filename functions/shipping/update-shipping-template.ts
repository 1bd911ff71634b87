import { updateShippingTemplate } from '@wxshop/shared/api/shipping';
import { http } from '../lib/http';
import { updateTemplate } from './templates';

export const handler = http(updateShippingTemplate, async ({ body, params }) => updateTemplate(params.merchantId, params.templateId, body));
