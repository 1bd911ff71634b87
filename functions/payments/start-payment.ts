import { startPayment } from '@wxshop/shared/api/payment';
import { http } from '../lib/http';
import * as payments from './wechat-pay';

export const handler = http(
  startPayment,
  async ({ params, body, user, ip, prefetched }) => payments.startPayment(user.userId, params.checkoutId, body, ip, new Date(), prefetched),
  { prefetch: ({ params, body, userId }) => payments.startPaymentKeys(userId, params.checkoutId, body) },
);
