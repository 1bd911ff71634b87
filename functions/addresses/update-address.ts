import { updateAddress } from '@wxshop/shared/api/address';
import { http } from '../lib/http';
import * as addresses from './addresses';

export const handler = http(updateAddress, async ({ body, params, user }) => addresses.updateAddress(user.userId, params.addressId, body));
