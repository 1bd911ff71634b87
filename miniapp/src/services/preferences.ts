import { CURRENCIES, type Currency } from '@wxshop/shared';
import { storage, STORAGE_KEYS } from './storage';

export const CURRENCY_CODES = Object.keys(CURRENCIES) as Currency[];

/** The display currency picked on this device (used while signed out; the profile's wins when signed in). */
export function getLocalCurrency(): Currency {
  const stored = storage.get<string>(STORAGE_KEYS.currency);
  return CURRENCY_CODES.find((c) => c === stored) ?? 'CNY';
}

export function setLocalCurrency(currency: Currency): void {
  storage.set(STORAGE_KEYS.currency, currency);
}
