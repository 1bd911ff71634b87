import { putProductOnShelf } from '@wxshop/shared/api/catalog';
import { http } from '../lib/http';
import { putOnShelf } from './products';

export const handler = http(putProductOnShelf, async ({ params }) => putOnShelf(params.merchantId, params.productId));
