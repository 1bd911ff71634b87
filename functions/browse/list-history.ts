import { listHistory } from '@wxshop/shared/api/browse';
import { http } from '../lib/http';
import { listHistory as list } from './history';
import { shopperLanguage } from './language';

export const handler = http(listHistory, async ({ query, headers, user }) =>
  list(user.userId, { cursor: query.cursor, limit: query.limit, lang: shopperLanguage(query.lang, headers, user.language) }),
);
