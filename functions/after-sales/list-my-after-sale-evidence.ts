import { listMyAfterSaleEvidence } from '@wxshop/shared/api/after-sale';
import { http } from '../lib/http';
import { evidenceFor } from './arbitration';

export const handler = http(listMyAfterSaleEvidence, async ({ params, user }) => evidenceFor({ side: 'shopper', userId: user.userId }, params.afterSaleId));
