import { sendAfterSaleReturn } from '@wxshop/shared/api/after-sale';
import { http } from '../lib/http';
import * as cases from './cases';

export const handler = http(sendAfterSaleReturn, async ({ params, body, user }) => cases.sendReturn(user.userId, params.afterSaleId, body));
