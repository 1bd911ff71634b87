import { getMerchantForAdmin } from '@wxshop/shared/api/merchant';
import { http } from '../lib/http';
import { getMerchant, toAdminView } from './merchants';

export const handler = http(getMerchantForAdmin, async ({ params }) => toAdminView(await getMerchant(params.merchantId)));
