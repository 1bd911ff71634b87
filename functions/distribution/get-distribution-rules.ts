import { getDistributionRules } from '@wxshop/shared/api/distribution';
import { http } from '../lib/http';
import * as rules from './rules';

export const handler = http(getDistributionRules, async () => rules.getRules(true));
