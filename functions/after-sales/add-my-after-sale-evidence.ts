import { addMyAfterSaleEvidence } from '@wxshop/shared/api/after-sale';
import { http } from '../lib/http';
import { addEvidence } from './arbitration';

export const handler = http(addMyAfterSaleEvidence, async ({ params, body, user }) =>
  addEvidence({ side: 'shopper', userId: user.userId }, params.afterSaleId, body),
);
