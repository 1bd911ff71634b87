import { completeRewardedView } from '@wxshop/shared/api/points';
import { http } from '../lib/http';
import * as views from './rewarded-views';

export const handler = http(completeRewardedView, async ({ params, body, user }) => views.completeView(user.userId, params.token, body));
