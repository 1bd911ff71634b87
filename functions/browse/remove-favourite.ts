import { removeFavourite } from '@wxshop/shared/api/browse';
import { http } from '../lib/http';
import { removeFavourite as remove } from './favourites';

export const handler = http(removeFavourite, async ({ params, user }) => remove(user.userId, params.productId));
