import { listApplicationQueue } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { listApplicationsByStatus } from './applications';

export const handler = http(listApplicationQueue, async ({ query }) => listApplicationsByStatus(query.status ?? 'submitted', query.limit, query.cursor));
