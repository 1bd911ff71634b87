import { updateStoreProfile as route } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { updateStoreProfile } from './store';

export const handler = http(route, async ({ params, body }) => updateStoreProfile(params.merchantId, body));
