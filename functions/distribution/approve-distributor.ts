import { approveDistributor } from '@wxshop/shared/api/distribution';
import { http } from '../lib/http';
import * as distributors from './distributors';

export const handler = http(approveDistributor, async ({ params, user }) => distributors.decide(params.userId, { approve: true }, user.userId));
