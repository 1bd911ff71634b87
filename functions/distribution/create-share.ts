import { createShare } from '@wxshop/shared/api/distribution';
import { http } from '../lib/http';
import * as shares from './shares';

export const handler = http(createShare, async ({ body, user }) => shares.createShare(user.userId, body));
