import { getStore } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { getPublicStore } from './store';

export const handler = http(getStore, async ({ params }) => getPublicStore(params.merchantId));
