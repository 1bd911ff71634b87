import { getMyDistributor } from '@wxshop/shared/api/distribution';
import { http } from '../lib/http';
import * as distributors from './distributors';

export const handler = http(getMyDistributor, async ({ user }) => distributors.getMine(user.userId));
