import type { en } from './messages/en';
import type { Language } from './languages';

/**
 * A message id, e.g. `me.logout` or `error.token_expired`. English (messages/en.ts) defines the set.
 * Type-only here, so a function that formats no UI text bundles none of it: the values, with
 * `MESSAGE_KEYS` and `isMessageKey`, are in `@wxshop/shared/i18n/messages`.
 */
export type MessageKey = keyof typeof en;
/** One language's messages: every key, a string each. */
export type Messages = Record<MessageKey, string>;
export type Catalog = Record<Language, Messages>;

/** Fills `{name}` placeholders; unknown placeholders are left as they are. */
export function formatMessage(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
