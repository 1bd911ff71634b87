import {
  acceptMessageSubscriptions,
  getMessageSubscriptions,
  listMyInbox,
  markInboxRead,
  type MessageSubscriptions,
  type ShopperInboxPage,
  type ShopperMessage,
  type SubscribeTopic,
} from '@wxshop/shared';
import { api } from './request';

export type { MessageSubscriptions, ShopperInboxPage, ShopperMessage, SubscribeTopic };

/** Messages per page of the inbox. */
export const INBOX_PAGE_SIZE = 20;

/** The shopper's order and parcel news, newest first, with the unread count. */
export function fetchInbox(cursor?: string, limit = INBOX_PAGE_SIZE): Promise<ShopperInboxPage> {
  return api.call(listMyInbox, { query: { cursor, limit } });
}

/**
 * The unread count for the Me tab: `GET /me/inbox?limit=1` answers it with one message (one Query of a
 * single item and the INBOX_META read), so no route of its own (ADR 0054).
 */
export async function fetchUnreadCount(): Promise<number> {
  return (await fetchInbox(undefined, 1)).unread;
}

/** Marks these messages read (or all, with `'all'`); answers the unread count left. */
export function markRead(ids: string[] | 'all'): Promise<{ marked: number; unread: number }> {
  return api.call(markInboxRead, { body: ids === 'all' ? { all: true } : { ids } });
}

/** The template id of each subscribe-message topic (null: the deployment has none) and the messages still allowed. */
export function fetchSubscriptions(): Promise<MessageSubscriptions> {
  return api.call(getMessageSubscriptions);
}

/** Records the topics the shopper accepted in wx.requestSubscribeMessage. */
export function acceptSubscriptions(accepted: SubscribeTopic[]): Promise<MessageSubscriptions> {
  return api.call(acceptMessageSubscriptions, { body: { accepted } });
}
