import { en } from './messages/en';
import type { Language } from './languages';

/** A message id, e.g. `me.logout` or `error.token_expired`. English (messages/en.ts) defines the set. */
export type MessageKey = keyof typeof en;
/** One language's messages: every key, a string each. */
export type Messages = Record<MessageKey, string>;
export const MESSAGE_KEYS = Object.keys(en) as MessageKey[];
export type Catalog = Record<Language, Messages>;

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** Fills `{name}` placeholders; unknown placeholders are left as they are. */
export function formatMessage(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
