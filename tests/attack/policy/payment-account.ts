import { OWNER_ONLY } from './merchant-rows';
import type { Policy } from './types';

/**
 * The store's WeChat Pay sub-merchant account decides where the store's money goes: its owner alone
 * applies and reads it (operators and customer service run the store, they do not choose its bank
 * account); other stores' staff get 404, platform staff 403 (the platform does not apply for a store).
 */
export const policy: Policy = {
  'get-payment-account': OWNER_ONLY,
  'submit-payment-applyment': OWNER_ONLY,
};
