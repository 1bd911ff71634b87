import { z } from 'zod';
import { Id } from './catalog';

/** A shopper keeps at most this many addresses. */
export const MAX_ADDRESSES = 20;

/**
 * Countries an address may be in. Only mainland China today (GB/T 2260 region codes); the schema
 * keeps `country` so international addresses (other region schemes) can be added without a migration.
 */
export const ADDRESS_COUNTRIES = ['CN'] as const;
export const AddressCountry = z.enum(ADDRESS_COUNTRIES);

/** `POST /me/addresses`, `PUT /me/addresses/{addressId}` (the whole address). */
export const AddressInput = z
  .object({
    recipient: z.string().trim().min(1).max(40),
    /** Mainland mobile number (11 digits starting with 1). */
    phone: z.string().regex(/^1[3-9]\d{9}$/, 'an 11-digit mainland mobile number'),
    country: AddressCountry.default('CN'),
    /** GB/T 2260 code of the most specific region (district/county; a city without districts). */
    regionCode: z.string().regex(/^\d{6}$/, 'a 6-digit GB/T 2260 region code'),
    /** Street, building, room. */
    detail: z.string().trim().min(2).max(120),
    postalCode: z
      .string()
      .regex(/^\d{6}$/, 'a 6-digit postal code')
      .optional(),
    /** A short label (家, 公司). */
    label: z.string().trim().max(10).optional(),
    isDefault: z.boolean().optional(),
  })
  .strict();
export type AddressInput = z.input<typeof AddressInput>;

export const AddressParams = z.object({ addressId: Id }).strict();

export const RegionPath = z.object({
  provinceCode: z.string(),
  province: z.string(),
  cityCode: z.string(),
  city: z.string(),
  districtCode: z.string().nullable(),
  district: z.string().nullable(),
});
export type RegionPath = z.infer<typeof RegionPath>;

export const Address = z.object({
  id: z.string(),
  recipient: z.string(),
  phone: z.string(),
  country: AddressCountry,
  regionCode: z.string(),
  /** Names and codes of the region's levels, derived from the code on the server. */
  region: RegionPath,
  detail: z.string(),
  postalCode: z.string().nullable(),
  label: z.string().nullable(),
  isDefault: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Address = z.infer<typeof Address>;

export const AddressList = z.object({ items: z.array(Address) });
export type AddressList = z.infer<typeof AddressList>;
