/**
 * The store's WeChat Pay sub-merchant account and its application (电商收付通 二级商户). The routes'
 * contract comes from the payments engineer's branch (shared/src/api/payment-account-routes.ts); until
 * it is served the call answers 404, which the page shows as its error state.
 */
import { getPaymentAccount } from '@wxshop/shared/api/payment-account-routes';
import type { PaymentAccount } from '@wxshop/shared/payment-accounts';
import { api } from './request';

export type { PaymentAccount };

export function fetchPaymentAccount(merchantId: string): Promise<PaymentAccount> {
  return api.call(getPaymentAccount, { params: { merchantId } });
}
