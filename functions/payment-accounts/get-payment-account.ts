import { getPaymentAccount as route } from '@wxshop/shared/api/payment-account';
import { http } from '../lib/http';
import { getPaymentAccount } from './applyments';

export const handler = http(route, async ({ params }) => getPaymentAccount(params.merchantId));
