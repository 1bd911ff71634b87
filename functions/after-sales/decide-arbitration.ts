import { decideArbitration } from '@wxshop/shared/api/after-sale';
import { http } from '../lib/http';
import * as arbitration from './arbitration';

export const handler = http(decideArbitration, async ({ params, body, user }) => arbitration.decideArbitration(user.userId, params.afterSaleId, body));
