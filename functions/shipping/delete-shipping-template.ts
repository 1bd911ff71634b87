import { deleteShippingTemplate } from '@wxshop/shared/api/shipping';
import { http } from '../lib/http';
import { deleteTemplate } from './templates';

export const handler = http(deleteShippingTemplate, async ({ params }) => deleteTemplate(params.merchantId, params.templateId));
