import { previewCheckout } from '@wxshop/shared/api/order';
import { http } from '../lib/http';
import { preview } from './checkout';

export const handler = http(previewCheckout, async ({ body, user }) => preview(user.userId, body.addressId, body.lines, user.language));
