import { z } from 'zod';
import { AddressCountry, RegionPath } from '@wxshop/shared/addresses';

/** A delivery address (entity `Address`, AP71). */
export const AddressItem = z.object({
  entity: z.literal('Address'),
  id: z.string(),
  userId: z.string(),
  recipient: z.string(),
  phone: z.string(),
  country: AddressCountry,
  regionCode: z.string(),
  region: RegionPath,
  detail: z.string(),
  postalCode: z.string().nullable(),
  label: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AddressItem = z.infer<typeof AddressItem>;

/** The shopper's address book (entity `AddressBook`, AP71): how many addresses and which is the default. */
export const AddressBookItem = z.object({
  entity: z.literal('AddressBook'),
  userId: z.string(),
  count: z.number().int().nonnegative(),
  defaultId: z.string().nullable(),
  /** Bumped by every change: writes condition on the revision they read. */
  revision: z.number().int(),
});
export type AddressBookItem = z.infer<typeof AddressBookItem>;
