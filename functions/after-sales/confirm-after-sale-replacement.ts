import { confirmAfterSaleReplacement } from '@wxshop/shared/api/after-sale';
import { http } from '../lib/http';
import { confirmReplacement } from './exchange';

export const handler = http(confirmAfterSaleReplacement, async ({ params, user }) => confirmReplacement(user.userId, params.afterSaleId));
