import { listMerchantAfterSaleEvidence } from '@wxshop/shared/api/after-sale';
import { http } from '../lib/http';
import { evidenceFor } from './arbitration';

export const handler = http(listMerchantAfterSaleEvidence, async ({ params }) =>
  evidenceFor({ side: 'merchant', merchantId: params.merchantId }, params.afterSaleId),
);
