import { listFavourites } from '@wxshop/shared/api/browse';
import { http } from '../lib/http';
import { listFavourites as list } from './favourites';
import { shopperLanguage } from './language';

export const handler = http(listFavourites, async ({ query, headers, user }) =>
  list(user.userId, { cursor: query.cursor, limit: query.limit, lang: shopperLanguage(query.lang, headers, user.language) }),
);
