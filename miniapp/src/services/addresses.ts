import { createAddress, deleteAddress, listAddresses, updateAddress, type Address, type AddressInput } from '@wxshop/shared';
import { api } from './request';

export type { Address, AddressInput };

/** The shopper's addresses, the default first. */
export async function fetchAddresses(): Promise<Address[]> {
  return (await api.call(listAddresses)).items;
}

export function saveAddress(id: string | null, input: AddressInput): Promise<Address> {
  return id ? api.call(updateAddress, { params: { addressId: id }, body: input }) : api.call(createAddress, { body: input });
}

export async function removeAddress(id: string): Promise<void> {
  await api.call(deleteAddress, { params: { addressId: id } });
}
