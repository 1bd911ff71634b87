import { syncPayment } from '@wxshop/shared/api/payment';
import { http } from '../lib/http';
import * as payments from './wechat-pay';

export const handler = http(syncPayment, async ({ params, user }) => payments.syncPayment(user.userId, params.checkoutId));
