import { listProductsForReview } from '@wxshop/shared';
import { http } from '../lib/http';
import { listProductsByStatus } from './products';

export const handler = http(listProductsForReview, async ({ query }) => listProductsByStatus('submitted', query));
