import type { Language } from '@wxshop/shared/i18n/languages';
import { keys, type Key } from '../lib/keys';
import { SessionItem, UserItem } from '../lib/items';
import { verifyAccessToken } from '../lib/tokens';

/** A caller of a public route who sent a valid-looking access token: its session is checked later, in a batch read. */
export interface Viewer {
  userId: string;
  sessionId: string;
}

/**
 * The bearer token of a public route, verified (signature, expiry) without any read. Missing or bad
 * tokens make an anonymous viewer: a public page never fails because of a stale token.
 */
export async function optionalViewer(headers: Record<string, string | undefined>): Promise<Viewer | undefined> {
  const authorization = Object.entries(headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
  const match = /^Bearer ([A-Za-z0-9._-]{20,2048})$/.exec(authorization ?? '');
  if (!match?.[1]) return undefined;
  try {
    return await verifyAccessToken(match[1]);
  } catch {
    return undefined;
  }
}

/** The keys to add to a batch read so the viewer's session and account are checked in the same call. */
export const viewerKeys = (v: Viewer): Key[] => [keys.session(v.sessionId), keys.user(v.userId)];

/** The viewer's account language if the batch found a live session of theirs, else undefined (treated as anonymous). */
export function confirmedViewer(v: Viewer | undefined, found: Map<string, Record<string, unknown>>): { userId: string; language: Language } | undefined {
  if (!v) return undefined;
  const s = found.get(`${keys.session(v.sessionId).PK}|${keys.session(v.sessionId).SK}`);
  const u = found.get(`${keys.user(v.userId).PK}|${keys.user(v.userId).SK}`);
  if (!s || !u) return undefined;
  const session = SessionItem.parse(s);
  if (session.revoked || session.userId !== v.userId || session.expiresAt * 1000 < Date.now()) return undefined;
  return { userId: v.userId, language: UserItem.parse(u).language };
}
