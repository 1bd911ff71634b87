import { requestAfterSale } from '@wxshop/shared/api/after-sale';
import { http } from '../lib/http';
import * as cases from './cases';

export const handler = http(requestAfterSale, async ({ body, user }) => cases.requestAfterSale(user.userId, body));
