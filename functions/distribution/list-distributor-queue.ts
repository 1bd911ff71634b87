import { listDistributorQueue } from '@wxshop/shared/api/distribution';
import { http } from '../lib/http';
import * as distributors from './distributors';

export const handler = http(listDistributorQueue, async ({ query }) => distributors.listByStatus(query));
