import { defineRoute } from './route';
import { MerchantParams } from './params';
import { PaymentAccount, SubmitApplymentInput } from '../payment-accounts';

/**
 * A store's WeChat Pay sub-merchant account (电商收付通 二级商户): the owner applies, the status page
 * polls. Only the store's owner: the settlement account decides where the store's money goes.
 */

export const getPaymentAccount = defineRoute({
  id: 'get-payment-account',
  method: 'GET',
  path: '/merchants/{merchantId}/payment-account',
  summary:
    "The store's WeChat Pay sub-merchant id and its latest application: asks WeChat Pay for the state while it is not final, and what to do next (verify the account, sign, wait, apply again)",
  tag: 'payment-account',
  auth: { merchant: 'merchant:finance:read' },
  params: MerchantParams,
  response: PaymentAccount,
  rateLimit: [{ key: 'user', limit: 60, per: 60 }],
});

export const submitApplyment = defineRoute({
  id: 'submit-payment-applyment',
  method: 'POST',
  path: '/merchants/{merchantId}/payment-account/applyments',
  summary:
    'Apply to WeChat Pay for the store’s sub-merchant account; 409 while an application is under way or once the store has one. Identity and bank details go to WeChat Pay encrypted and are not stored',
  tag: 'payment-account',
  auth: { merchant: 'merchant:finance:write' },
  params: MerchantParams,
  body: SubmitApplymentInput,
  response: PaymentAccount,
  status: 201,
  rateLimit: [{ key: 'user', limit: 10, per: 3600 }],
});
