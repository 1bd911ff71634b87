import { listArbitrationCases } from '@wxshop/shared/api/after-sale';
import { http } from '../lib/http';
import { arbitrationQueue } from './arbitration';

export const handler = http(listArbitrationCases, async ({ query }) => arbitrationQueue(query));
