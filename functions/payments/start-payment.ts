import { startPayment } from '@wxshop/shared/api/payment';
import { http } from '../lib/http';
import * as payments from './wechat-pay';

export const handler = http(startPayment, async ({ params, body, user, ip }) => payments.startPayment(user.userId, params.checkoutId, body, ip));
