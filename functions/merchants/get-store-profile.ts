import { getStoreProfile as route } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { getStoreProfile } from './store';

export const handler = http(route, async ({ params }) => getStoreProfile(params.merchantId));
