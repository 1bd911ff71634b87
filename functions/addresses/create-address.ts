import { createAddress } from '@wxshop/shared/api/address';
import { http } from '../lib/http';
import * as addresses from './addresses';

export const handler = http(createAddress, async ({ body, user }) => addresses.createAddress(user.userId, body));
