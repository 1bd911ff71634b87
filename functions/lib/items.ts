import { z } from 'zod';
import { Currency } from '@wxshop/shared/money';
import { Language } from '@wxshop/shared/i18n/languages';
import { Roles } from '@wxshop/shared/auth';

/** Items are parsed with zod when read: a malformed item is a bug, not data. */
export const UserItem = z.object({
  entity: z.literal('User'),
  id: z.string(),
  nickname: z.string(),
  avatarKey: z.string().optional(),
  language: Language,
  currency: Currency,
  roles: Roles,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UserItem = z.infer<typeof UserItem>;

export const SessionItem = z.object({
  entity: z.literal('Session'),
  id: z.string(),
  userId: z.string(),
  tokenHash: z.string(),
  prevHash: z.string().optional(),
  revoked: z.boolean(),
  provider: z.string(),
  createdAt: z.string(),
  rotatedAt: z.string(),
  /** Idle end: the refresh token lapses then (also the TTL attribute). Never later than `endsAt`. */
  expiresAt: z.number().int(),
  /** Absolute end (epoch s), fixed at sign-in; absent on sessions started before it existed. */
  endsAt: z.number().int().optional(),
});
export type SessionItem = z.infer<typeof SessionItem>;

/** A refresh token a rotation replaced (only its hash): presenting it again revokes the session. */
export const SessionUsedTokenItem = z.object({
  entity: z.literal('SessionUsedToken'),
  sessionId: z.string(),
  rotatedAt: z.string(),
  expiresAt: z.number().int(),
});
export type SessionUsedTokenItem = z.infer<typeof SessionUsedTokenItem>;
