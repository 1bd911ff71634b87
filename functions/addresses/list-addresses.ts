import { listAddresses } from '@wxshop/shared/api/address';
import { http } from '../lib/http';
import * as addresses from './addresses';

export const handler = http(listAddresses, async ({ user }) => addresses.listAddresses(user.userId));
