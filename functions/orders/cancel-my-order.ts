import { cancelMyOrder } from '@wxshop/shared/api/order';
import { http } from '../lib/http';
import { cancelMyOrderClosingPayment } from '../payments/wechat-pay';

// NOTE: the payment side closes the checkout's combine order at WeChat Pay before the cancel (ADR 0046).
export const handler = http(cancelMyOrder, async ({ params, body, user }) => cancelMyOrderClosingPayment(user.userId, params.orderId, body?.reason));
