import { defineRoute } from './route';
import {
  CheckInResult,
  CompleteViewInput,
  CompletedView,
  ExpiringPoints,
  PointsPageQuery,
  PointsPostingPage,
  PointsRules,
  PointsSummary,
  StartViewInput,
  StartedView,
  ViewTokenParams,
} from '../points';

/** Points: the shopper's points centre, check-in and verified rewarded views; the platform's rules (ADR 0067, 0068). */

export const getMyPoints = defineRoute({
  id: 'get-my-points',
  method: 'GET',
  path: '/me/points',
  summary: "The caller's points: spendable, frozen, expiring within 30 days, today's check-in and views, a house video to watch",
  tag: 'points',
  auth: 'user',
  response: PointsSummary,
});

export const listMyPointsPostings = defineRoute({
  id: 'list-my-points-postings',
  method: 'GET',
  path: '/me/points/postings',
  summary: "The caller's points postings (earned, spent, frozen, released, expired), newest first",
  tag: 'points',
  auth: 'user',
  query: PointsPageQuery,
  response: PointsPostingPage,
});

export const getMyExpiringPoints = defineRoute({
  id: 'get-my-expiring-points',
  method: 'GET',
  path: '/me/points/expiring',
  summary: "The caller's points that expire within 30 days, by earning batch, soonest first",
  tag: 'points',
  auth: 'user',
  response: ExpiringPoints,
});

export const checkIn = defineRoute({
  id: 'check-in',
  method: 'POST',
  path: '/me/points/check-in',
  summary: "Checks in for today (Asia/Shanghai): credits the day's points and streak bonus once; a repeat answers the day's state",
  tag: 'points',
  auth: 'user',
  response: CheckInResult,
  rateLimit: [{ key: 'user', limit: 30, per: 60 }],
});

export const startRewardedView = defineRoute({
  id: 'start-rewarded-view',
  method: 'POST',
  path: '/me/rewarded-views',
  summary: "Starts a rewarded video: a single-use token bound to the caller, the creative and the device, with the server's start time",
  tag: 'points',
  auth: 'user',
  body: StartViewInput,
  response: StartedView,
  status: 201,
  rateLimit: [{ key: 'user', limit: 20, per: 60 }],
});

export const completeRewardedView = defineRoute({
  id: 'complete-rewarded-view',
  method: 'POST',
  path: '/me/rewarded-views/{token}/complete',
  summary: "Completes a rewarded video once its duration has passed on the server's clock: credits its points once (held when flagged)",
  tag: 'points',
  auth: 'user',
  params: ViewTokenParams,
  body: CompleteViewInput,
  response: CompletedView,
  rateLimit: [{ key: 'user', limit: 60, per: 60 }],
});

export const getPointsRules = defineRoute({
  id: 'get-points-rules',
  method: 'GET',
  path: '/admin/points/rules',
  summary: "The platform's points rules: check-in, rewarded views, WeChat's ad, daily caps, expiry, house videos",
  tag: 'points',
  auth: { platform: 'platform:settings:write' },
  response: PointsRules,
});

export const setPointsRules = defineRoute({
  id: 'set-points-rules',
  method: 'PUT',
  path: '/admin/points/rules',
  summary: "Replaces the platform's points rules (all of them, strictly checked)",
  tag: 'points',
  auth: { platform: 'platform:settings:write' },
  body: PointsRules,
  response: PointsRules,
});
