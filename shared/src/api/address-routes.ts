import { z } from 'zod';
import { defineRoute } from './route';
import { Address, AddressInput, AddressList, AddressParams } from '../addresses';

/** The shopper's delivery addresses (at most 20, one default). Region names come from the region code, on the server. */

export const listAddresses = defineRoute({
  id: 'list-addresses',
  method: 'GET',
  path: '/me/addresses',
  summary: "The shopper's addresses, the default first",
  tag: 'addresses',
  auth: 'user',
  response: AddressList,
});

export const createAddress = defineRoute({
  id: 'create-address',
  method: 'POST',
  path: '/me/addresses',
  summary: 'Add an address (GB/T 2260 region code); the first one becomes the default',
  tag: 'addresses',
  auth: 'user',
  body: AddressInput,
  response: Address,
  status: 201,
  rateLimit: [{ key: 'user', limit: 30, per: 3600 }],
});

export const updateAddress = defineRoute({
  id: 'update-address',
  method: 'PUT',
  path: '/me/addresses/{addressId}',
  summary: 'Replace an address; `isDefault: true` makes it the default',
  tag: 'addresses',
  auth: 'user',
  params: AddressParams,
  body: AddressInput,
  response: Address,
});

export const deleteAddress = defineRoute({
  id: 'delete-address',
  method: 'DELETE',
  path: '/me/addresses/{addressId}',
  summary: 'Delete an address (deleting the default makes the newest remaining one the default)',
  tag: 'addresses',
  auth: 'user',
  params: AddressParams,
  response: z.object({ ok: z.literal(true) }),
});
