import { listMyTeam } from '@wxshop/shared/api/distribution';
import { http } from '../lib/http';
import * as earnings from './earnings';

export const handler = http(listMyTeam, async ({ query, user }) => earnings.listTeam(user.userId, query));
