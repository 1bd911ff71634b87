import { addFavourite } from '@wxshop/shared/api/browse';
import { http } from '../lib/http';
import { addFavourite as add } from './favourites';

export const handler = http(addFavourite, async ({ params, user }) => add(user.userId, params.productId));
