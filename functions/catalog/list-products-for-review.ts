import { listProductsForReview } from '@wxshop/shared/api/catalog';
import { http } from '../lib/http';
import { listProductsByStatus } from './product-queries';

export const handler = http(listProductsForReview, async ({ query }) => listProductsByStatus('submitted', query));
