import { updateStoreLayout as route } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { updateStoreLayout } from './store';

export const handler = http(route, async ({ params, body }) => updateStoreLayout(params.merchantId, body.blocks));
