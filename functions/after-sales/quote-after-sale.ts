import { quoteAfterSale } from '@wxshop/shared/api/after-sale';
import { http } from '../lib/http';
import * as quotes from './quotes';

export const handler = http(quoteAfterSale, async ({ body, user }) => quotes.quoteAfterSale(user.userId, body));
