import { startRewardedView } from '@wxshop/shared/api/points';
import { http } from '../lib/http';
import * as views from './rewarded-views';

export const handler = http(startRewardedView, async ({ body, user }) => views.startView(user.userId, body));
