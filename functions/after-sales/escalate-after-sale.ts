import { escalateAfterSale } from '@wxshop/shared/api/after-sale';
import { http } from '../lib/http';
import * as cases from './cases';

export const handler = http(escalateAfterSale, async ({ params, body, user }) => cases.escalateAfterSale(user.userId, params.afterSaleId, body.text));
