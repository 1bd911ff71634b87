import {
  checkIn,
  completeRewardedView,
  getMyExpiringPoints,
  getMyPoints,
  listMyPointsPostings,
  startRewardedView,
  type CheckInResult,
  type CompletedView,
  type ExpiringPoints,
  type PointsPosting,
  type PointsPostingPage,
  type PointsSummary,
  type StartedView,
} from '@wxshop/shared';
import { api } from './request';
import { STORAGE_KEYS, storage } from './storage';

export type { CheckInResult, CompletedView, ExpiringPoints, PointsPosting, PointsPostingPage, PointsSummary, StartedView };

export const POINTS_PAGE_SIZE = 20;

/** This install's id (made once, kept in storage): rewarded views are bound to it. */
export function deviceId(): string {
  const known = storage.get<string>(STORAGE_KEYS.deviceId);
  if (known && /^[A-Za-z0-9_-]{8,64}$/.test(known)) return known;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let id = 'd';
  for (let i = 0; i < 31; i += 1) id += alphabet[Math.floor(Math.random() * alphabet.length)];
  storage.set(STORAGE_KEYS.deviceId, id);
  return id;
}

export const fetchPoints = (): Promise<PointsSummary> => api.call(getMyPoints);
export const fetchPostings = (cursor?: string): Promise<PointsPostingPage> => api.call(listMyPointsPostings, { query: { cursor, limit: POINTS_PAGE_SIZE } });
export const fetchExpiring = (): Promise<ExpiringPoints> => api.call(getMyExpiringPoints);
export const checkInToday = (): Promise<CheckInResult> => api.call(checkIn);

/** Starts a view of a house video, or of WeChat's rewarded ad (`adunit-...`). */
export const startView = (kind: 'house' | 'wechat', creativeId: string): Promise<StartedView> =>
  api.call(startRewardedView, { body: { kind, creativeId, deviceId: deviceId() } });

export const completeView = (token: string): Promise<CompletedView> => api.call(completeRewardedView, { params: { token }, body: { deviceId: deviceId() } });
