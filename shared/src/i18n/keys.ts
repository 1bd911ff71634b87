import type { enMain } from './messages/en';
import type { admin } from './messages/areas/admin';
import type { checkout } from './messages/areas/checkout';
import type { merchant } from './messages/areas/merchant';
import type { orders } from './messages/areas/orders';
import type { reviews } from './messages/areas/reviews';
import type { inbox } from './messages/areas/inbox';
import type { finance } from './messages/areas/finance';
import type { afterSales } from './messages/areas/after-sales';
import type { distribution } from './messages/areas/distribution';
import type { points } from './messages/areas/points';
import type { Language } from './languages';

/**
 * A message id, e.g. `me.logout` or `error.token_expired`. English defines the set: messages/en.ts
 * (the main package's) and each subpackage's area (areas/*.ts; each loaded by its subpackage only).
 * (the main package's) and each subpackage's area (areas/*.ts; each loaded by its subpackage only).
 * Type-only here, so a function that formats no UI text bundles none of it: the values, with
 * `MESSAGE_KEYS` and `isMessageKey`, are in `@wxshop/shared/i18n/messages`.
 */
export type MainMessageKey = keyof typeof enMain;
export type MerchantMessageKey = keyof (typeof merchant)['en'];
export type AdminMessageKey = keyof (typeof admin)['en'];
export type CheckoutMessageKey = keyof (typeof checkout)['en'];
export type OrdersMessageKey = keyof (typeof orders)['en'];
export type ReviewsMessageKey = keyof (typeof reviews)['en'];
export type InboxMessageKey = keyof (typeof inbox)['en'];
export type FinanceMessageKey = keyof (typeof finance)['en'];
export type AfterSalesMessageKey = keyof (typeof afterSales)['en'];
export type DistributionMessageKey = keyof (typeof distribution)['en'];
export type PointsMessageKey = keyof (typeof points)['en'];
export type MessageKey =
  | MainMessageKey
  | MerchantMessageKey
  | AdminMessageKey
  | CheckoutMessageKey
  | OrdersMessageKey
  | ReviewsMessageKey
  | InboxMessageKey
  | FinanceMessageKey
  | AfterSalesMessageKey
  | DistributionMessageKey
  | PointsMessageKey;
/** One language's messages: every key, a string each. */
export type Messages = Record<MessageKey, string>;
/** One language's messages of the main package. */
export type MainMessages = Record<MainMessageKey, string>;
export type Catalog = Record<Language, Messages>;

/** Fills `{name}` placeholders; unknown placeholders are left as they are. */
export function formatMessage(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
