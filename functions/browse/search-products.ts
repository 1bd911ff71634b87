import { searchProducts } from '@wxshop/shared/api/browse';
import { http } from '../lib/http';
import { searchProducts as search } from './search';
import { shopperLanguage } from './language';

export const handler = http(searchProducts, async ({ query, headers }) => search(query, shopperLanguage(query.lang, headers)));
