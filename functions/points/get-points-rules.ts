import { getPointsRules } from '@wxshop/shared/api/points';
import { http } from '../lib/http';
import * as points from './points';

export const handler = http(getPointsRules, async () => points.getRules());
