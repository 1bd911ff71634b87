import { addMerchantAfterSaleEvidence } from '@wxshop/shared/api/after-sale';
import { http } from '../lib/http';
import { addEvidence } from './arbitration';

export const handler = http(addMerchantAfterSaleEvidence, async ({ params, body, user }) =>
  addEvidence({ side: 'merchant', userId: user.userId, merchantId: params.merchantId }, params.afterSaleId, body),
);
