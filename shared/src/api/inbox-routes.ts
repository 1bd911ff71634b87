import { defineRoute } from './route';
import { AcceptSubscriptionsInput, MarkInboxReadInput, MarkInboxReadResult, MessageSubscriptions, ShopperInboxPage, ShopperInboxQuery } from '../inbox';

/** The shopper's inbox (order and parcel news) and their WeChat subscribe-message consents. */

export const listMyInbox = defineRoute({
  id: 'list-my-inbox',
  method: 'GET',
  path: '/me/inbox',
  summary: "The shopper's messages about their orders and parcels, newest first, with the unread count",
  tag: 'inbox',
  auth: 'user',
  query: ShopperInboxQuery,
  response: ShopperInboxPage,
});

export const markInboxRead = defineRoute({
  id: 'mark-inbox-read',
  method: 'POST',
  path: '/me/inbox/read',
  summary: 'Marks messages (or all of them) read; answers how many changed and the unread count left',
  tag: 'inbox',
  auth: 'user',
  body: MarkInboxReadInput,
  response: MarkInboxReadResult,
  rateLimit: [{ key: 'user', limit: 120, per: 60 }],
});

export const getMessageSubscriptions = defineRoute({
  id: 'get-message-subscriptions',
  method: 'GET',
  path: '/me/message-subscriptions',
  summary: 'The WeChat subscribe-message template id of each topic (for wx.requestSubscribeMessage) and how many messages each still allows',
  tag: 'inbox',
  auth: 'user',
  response: MessageSubscriptions,
});

export const acceptMessageSubscriptions = defineRoute({
  id: 'accept-message-subscriptions',
  method: 'POST',
  path: '/me/message-subscriptions',
  summary: 'Records the topics the shopper accepted in wx.requestSubscribeMessage: each acceptance allows one message',
  tag: 'inbox',
  auth: 'user',
  body: AcceptSubscriptionsInput,
  response: MessageSubscriptions,
  rateLimit: [{ key: 'user', limit: 60, per: 60 }],
});
