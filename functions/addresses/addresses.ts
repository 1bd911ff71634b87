/**
 * Delivery addresses (AP71). One Query reads a shopper's addresses and the ADDRESS_BOOK item (count
 * and default); every write is one transaction of the address and the book, conditioned on the book's
 * revision read, so the cap of 20 and "exactly one default" hold under concurrent edits.
 */
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { z } from 'zod';
import { MAX_ADDRESSES, AddressInput, type Address, type AddressList } from '@wxshop/shared/addresses';
import { db, tableName } from '../lib/table';
import { keys } from '../lib/keys';
import { queryAll } from '../lib/table-ops';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError, isConditionFailure } from '../lib/errors';
import { AddressBookItem, AddressItem } from './items';
import { regionOf } from './regions';

type TxItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type Input = z.output<typeof AddressInput>;

interface Book {
  book: AddressBookItem | undefined;
  addresses: AddressItem[];
}

async function readBook(userId: string): Promise<Book> {
  const p = keys.addressesPrefix(userId);
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
    ExpressionAttributeValues: { ':pk': p.PK, ':p': p.SKPrefix },
    ConsistentRead: true,
  });
  return {
    book: items.filter((i) => i.entity === 'AddressBook').map((i) => AddressBookItem.parse(i))[0],
    addresses: items.filter((i) => i.entity === 'Address').map((i) => AddressItem.parse(i)),
  };
}

const toAddress = (a: AddressItem, defaultId: string | null): Address => ({
  id: a.id,
  recipient: a.recipient,
  phone: a.phone,
  country: a.country,
  regionCode: a.regionCode,
  region: a.region,
  detail: a.detail,
  postalCode: a.postalCode,
  label: a.label,
  isDefault: a.id === defaultId,
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
});

/** The book write, conditioned on the revision read (or on there being no book yet). */
function bookPut(userId: string, prev: AddressBookItem | undefined, next: Omit<AddressBookItem, 'entity' | 'userId' | 'revision'>): TxItem {
  const item: AddressBookItem = { entity: 'AddressBook', userId, ...next, revision: (prev?.revision ?? 0) + 1 };
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.addressBook(userId), ...item },
      ConditionExpression: prev ? 'revision = :rev' : 'attribute_not_exists(PK)',
      ...(prev ? { ExpressionAttributeValues: { ':rev': prev.revision } } : {}),
    },
  };
}

async function write(items: TxItem[]): Promise<void> {
  try {
    await db().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (err) {
    if (isConditionFailure(err)) throw new ConflictError('The address book changed meanwhile: try again');
    throw err;
  }
}

/** Retries a read-modify-write of the book when another edit saved in between (edits by one shopper are rare). */
async function retried<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof ConflictError) || attempt >= 4) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 50 * (attempt + 1)));
    }
  }
}

async function resolveRegion(input: Input) {
  const region = await regionOf(input.regionCode);
  if (!region) throw new ValidationError({ 'body.regionCode': 'not a district/county code of GB/T 2260 (or a city without districts)' });
  return region;
}

/** AP71: the shopper's addresses, the default first, then newest first. */
export async function listAddresses(userId: string): Promise<AddressList> {
  const { book, addresses } = await readBook(userId);
  const defaultId = book?.defaultId ?? null;
  const sorted = [...addresses].sort((a, b) => (a.id === defaultId ? -1 : b.id === defaultId ? 1 : a.id < b.id ? 1 : -1));
  return { items: sorted.map((a) => toAddress(a, defaultId)) };
}

/** Adds an address (region validated against GB/T 2260); the first address, or `isDefault`, becomes the default. 422 past 20. */
export async function createAddress(userId: string, input: Input, now = new Date()): Promise<Address> {
  const region = await resolveRegion(input);
  return retried(() => create(userId, input, region, now));
}

async function create(userId: string, input: Input, region: AddressItem['region'], now: Date): Promise<Address> {
  const { book } = await readBook(userId);
  const count = book?.count ?? 0;
  if (count >= MAX_ADDRESSES) throw new UnprocessableError(`At most ${MAX_ADDRESSES} addresses`, 'address_book_full');
  const at = now.toISOString();
  const item: AddressItem = {
    entity: 'Address',
    id: ulid(now.getTime()),
    userId,
    recipient: input.recipient,
    phone: input.phone,
    country: input.country,
    regionCode: input.regionCode,
    region,
    detail: input.detail,
    postalCode: input.postalCode ?? null,
    label: input.label ?? null,
    createdAt: at,
    updatedAt: at,
  };
  const defaultId = input.isDefault || !book?.defaultId ? item.id : book.defaultId;
  await write([
    { Put: { TableName: tableName(), Item: { ...keys.address(userId, item.id), ...item }, ConditionExpression: 'attribute_not_exists(PK)' } },
    bookPut(userId, book, { count: count + 1, defaultId }),
  ]);
  return toAddress(item, defaultId);
}

/** Replaces an address (404 when it is not the shopper's); `isDefault: true` makes it the default. */
export async function updateAddress(userId: string, addressId: string, input: Input, now = new Date()): Promise<Address> {
  const region = await resolveRegion(input);
  return retried(() => update(userId, addressId, input, region, now));
}

async function update(userId: string, addressId: string, input: Input, region: AddressItem['region'], now: Date): Promise<Address> {
  const { book, addresses } = await readBook(userId);
  const existing = addresses.find((a) => a.id === addressId);
  if (!existing || !book) throw new NotFoundError('address');
  const item: AddressItem = {
    ...existing,
    recipient: input.recipient,
    phone: input.phone,
    country: input.country,
    regionCode: input.regionCode,
    region,
    detail: input.detail,
    postalCode: input.postalCode ?? null,
    label: input.label ?? null,
    updatedAt: now.toISOString(),
  };
  const defaultId = input.isDefault ? addressId : book.defaultId;
  await write([
    { Put: { TableName: tableName(), Item: { ...keys.address(userId, addressId), ...item }, ConditionExpression: 'attribute_exists(PK)' } },
    bookPut(userId, book, { count: book.count, defaultId }),
  ]);
  return toAddress(item, defaultId);
}

/** Deletes an address; when it was the default, the newest remaining address becomes the default. */
export async function deleteAddress(userId: string, addressId: string): Promise<{ ok: true }> {
  return retried(() => remove(userId, addressId));
}

async function remove(userId: string, addressId: string): Promise<{ ok: true }> {
  const { book, addresses } = await readBook(userId);
  if (!book || !addresses.some((a) => a.id === addressId)) throw new NotFoundError('address');
  const rest = addresses.filter((a) => a.id !== addressId).sort((a, b) => (a.id < b.id ? 1 : -1));
  const defaultId = book.defaultId === addressId ? (rest[0]?.id ?? null) : book.defaultId;
  await write([
    { Delete: { TableName: tableName(), Key: keys.address(userId, addressId), ConditionExpression: 'attribute_exists(PK)' } },
    bookPut(userId, book, { count: Math.max(0, book.count - 1), defaultId }),
  ]);
  return { ok: true };
}

/** One address of the shopper, for checkout (404 when it is not theirs). */
export async function getAddress(userId: string, addressId: string): Promise<AddressItem> {
  const { addresses } = await readBook(userId);
  const found = addresses.find((a) => a.id === addressId);
  if (!found) throw new NotFoundError('address');
  return found;
}
