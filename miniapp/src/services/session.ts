import { useSyncExternalStore } from 'react';
import type { Profile, TokenPair } from '@wxshop/shared';
import { storage, STORAGE_KEYS } from './storage';

/** The signed-in state kept on the device: tokens plus the last known profile. */
export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires (informational: the server's 401 is what counts). */
  expiresAt: number;
  profile: Profile;
}

function isSession(v: unknown): v is Session {
  const s = v as Partial<Session> | undefined;
  return !!s && typeof s.accessToken === 'string' && typeof s.refreshToken === 'string' && typeof s.profile === 'object' && s.profile !== null;
}

const stored = storage.get<unknown>(STORAGE_KEYS.session);
let session: Session | null = isSession(stored) ? stored : null;
const listeners = new Set<() => void>();

function emit(next: Session | null): void {
  session = next;
  if (next) storage.set(STORAGE_KEYS.session, next);
  else storage.remove(STORAGE_KEYS.session);
  listeners.forEach((l) => l());
}

export function getSession(): Session | null {
  return session;
}

/** Stores a fresh token pair (login or refresh). */
export function saveTokenPair(pair: TokenPair): void {
  emit({ accessToken: pair.accessToken, refreshToken: pair.refreshToken, expiresAt: Date.now() + pair.expiresIn * 1000, profile: pair.profile });
}

export function saveProfile(profile: Profile): void {
  if (session) emit({ ...session, profile });
}

export function clearSession(): void {
  if (session) emit(null);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current session; re-renders on sign-in, refresh, profile change and sign-out. */
export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, getSession, getSession);
}
