import { submitApplyment } from '@wxshop/shared/api/payment-account';
import { http } from '../lib/http';
import { submitPaymentApplyment } from './applyments';

export const handler = http(submitApplyment, async ({ params, body }) => submitPaymentApplyment(params.merchantId, body));
