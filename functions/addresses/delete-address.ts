import { deleteAddress } from '@wxshop/shared/api/address';
import { http } from '../lib/http';
import * as addresses from './addresses';

export const handler = http(deleteAddress, async ({ params, user }) => addresses.deleteAddress(user.userId, params.addressId));
