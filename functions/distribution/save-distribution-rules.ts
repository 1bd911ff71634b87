import { saveDistributionRules } from '@wxshop/shared/api/distribution';
import { http } from '../lib/http';
import * as rules from './rules';

export const handler = http(saveDistributionRules, async ({ body, user }) => rules.saveRules(body, user.userId));
