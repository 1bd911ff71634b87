import { applyDistributor } from '@wxshop/shared/api/distribution';
import { http } from '../lib/http';
import * as distributors from './distributors';

export const handler = http(applyDistributor, async ({ body, user }) => distributors.apply(user.userId, body.note));
