import { listProducts } from '@wxshop/shared/api/browse';
import { http } from '../lib/http';
import { cardsOf, listProducts as list } from './listings';
import { shopperLanguage } from './language';

export const handler = http(listProducts, async ({ query, headers }) => {
  const lang = shopperLanguage(query.lang, headers);
  if (query.ids) return { items: await cardsOf(query.ids.split(','), lang), nextCursor: null };
  return list(query, lang);
});
