import { setPointsRules } from '@wxshop/shared/api/points';
import { http } from '../lib/http';
import * as points from './points';

export const handler = http(setPointsRules, async ({ body, user }) => points.setRules(body, user.userId));
