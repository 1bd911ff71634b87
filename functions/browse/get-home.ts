import { getHome } from '@wxshop/shared/api/browse';
import { http } from '../lib/http';
import { getHome as homeFeed } from './home';
import { shopperLanguage } from './language';

export const handler = http(getHome, async ({ query, headers }) => homeFeed(shopperLanguage(query.lang, headers)));
