import { defineRoute } from './route';
import {
  ApplyDistributorInput,
  BindReferralInput,
  BindResult,
  CreateShareInput,
  DistributionRules,
  Distributor,
  DistributorPage,
  DistributorParams,
  DistributorQueueQuery,
  Earnings,
  MyDistributor,
  RecordVisitInput,
  RejectDistributorInput,
  SaveDistributionRulesInput,
  SceneParams,
  Share,
  ShareTarget,
  TeamPage,
  TeamQuery,
} from '../distribution';

/** Share to earn (issue 9): rules, distributors and their review, shares, bindings, earnings and team (ADR 0064-0066). */

export const getDistributionRules = defineRoute({
  id: 'get-distribution-rules',
  method: 'GET',
  path: '/admin/distribution/rules',
  summary: 'The distribution rules in force and their version (distribution off at version 0)',
  tag: 'distribution',
  auth: { platform: 'platform:settings:write' },
  response: DistributionRules,
});

export const saveDistributionRules = defineRoute({
  id: 'save-distribution-rules',
  method: 'POST',
  path: '/admin/distribution/rules',
  summary: 'Replaces the rules (conditional on the version read); refuses a commission pool that, with the platform fee, could exceed profit sharing',
  tag: 'distribution',
  auth: { platform: 'platform:settings:write' },
  body: SaveDistributionRulesInput,
  response: DistributionRules,
});

export const getMyDistributor = defineRoute({
  id: 'get-my-distributor',
  method: 'GET',
  path: '/me/distributor',
  summary: "Whether and how one becomes a distributor, and the caller's application or standing",
  tag: 'distribution',
  auth: 'user',
  response: MyDistributor,
});

export const applyDistributor = defineRoute({
  id: 'apply-distributor',
  method: 'POST',
  path: '/me/distributor',
  summary: 'Applies to become a distributor (approved at once when the rules say everyone, or the caller spent enough)',
  tag: 'distribution',
  auth: 'user',
  body: ApplyDistributorInput,
  response: MyDistributor,
  status: 201,
  rateLimit: [{ key: 'user', limit: 10, per: 3600 }],
});

export const listDistributorQueue = defineRoute({
  id: 'list-distributor-queue',
  method: 'GET',
  path: '/admin/distributors',
  summary: 'Distributor applications and distributors by status, oldest first',
  tag: 'distribution',
  auth: { platform: 'platform:distribution:review' },
  query: DistributorQueueQuery,
  response: DistributorPage,
});

export const approveDistributor = defineRoute({
  id: 'approve-distributor',
  method: 'POST',
  path: '/admin/distributors/{userId}/approve',
  summary: 'Approves an application',
  tag: 'distribution',
  auth: { platform: 'platform:distribution:review' },
  params: DistributorParams,
  response: Distributor,
});

export const rejectDistributor = defineRoute({
  id: 'reject-distributor',
  method: 'POST',
  path: '/admin/distributors/{userId}/reject',
  summary: 'Rejects an application with the reason the shopper sees',
  tag: 'distribution',
  auth: { platform: 'platform:distribution:review' },
  params: DistributorParams,
  body: RejectDistributorInput,
  response: Distributor,
});

export const createShare = defineRoute({
  id: 'create-share',
  method: 'POST',
  path: '/me/shares',
  summary: "The caller's share of a store, a product or a personal invite: its scene, link and mini-program code (made once, then the same)",
  tag: 'distribution',
  auth: 'user',
  body: CreateShareInput,
  response: Share,
  rateLimit: [{ key: 'user', limit: 60, per: 60 }],
});

export const recordShareVisit = defineRoute({
  id: 'record-share-visit',
  method: 'POST',
  path: '/shares/{scene}/visits',
  summary: 'Records an opening of a share (signed in or not) and answers what it opens',
  tag: 'distribution',
  auth: 'public',
  params: SceneParams,
  body: RecordVisitInput,
  response: ShareTarget,
  rateLimit: [{ key: 'ip', limit: 120, per: 60 }],
});

export const bindReferral = defineRoute({
  id: 'bind-referral',
  method: 'POST',
  path: '/me/referral',
  summary: "Binds the caller to a share's distributor by the rules (never to oneself, never a loop; permanent, for N days, or last click)",
  tag: 'distribution',
  auth: 'user',
  body: BindReferralInput,
  response: BindResult,
  rateLimit: [{ key: 'user', limit: 30, per: 60 }],
});

export const getMyEarnings = defineRoute({
  id: 'get-my-earnings',
  method: 'GET',
  path: '/me/distribution/earnings',
  summary: "The caller's commission: pending, available, withdrawn, owed, and the newest postings",
  tag: 'distribution',
  auth: 'user',
  response: Earnings,
});

export const listMyTeam = defineRoute({
  id: 'list-my-team',
  method: 'GET',
  path: '/me/distribution/team',
  summary: "The caller's referrals by tier: direct (1) and indirect (2, 3)",
  tag: 'distribution',
  auth: 'user',
  query: TeamQuery,
  response: TeamPage,
});
