import { rejectDistributor } from '@wxshop/shared/api/distribution';
import { http } from '../lib/http';
import * as distributors from './distributors';

export const handler = http(rejectDistributor, async ({ params, body, user }) =>
  distributors.decide(params.userId, { approve: false, reason: body.reason }, user.userId),
);
