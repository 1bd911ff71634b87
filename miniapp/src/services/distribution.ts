import {
  applyDistributor,
  approveDistributor,
  createShare,
  getMyDistributor,
  getMyEarnings,
  listDistributorQueue,
  listMyTeam,
  rejectDistributor,
  type Distributor,
  type DistributorPage,
  type DistributorStatus,
  type Earnings,
  type MyDistributor,
  type Share,
  type ShareKind,
  type TeamPage,
} from '@wxshop/shared';
import { api } from './request';

export type { Distributor, DistributorPage, DistributorStatus, Earnings, MyDistributor, Share, ShareKind, TeamPage };

/** The program (on, how one joins) and the caller's application or standing. */
export function fetchMyDistributor(): Promise<MyDistributor> {
  return api.call(getMyDistributor);
}

export function applyToDistribute(note?: string): Promise<MyDistributor> {
  return api.call(applyDistributor, { body: note ? { note } : {} });
}

/** The caller's share of a target (made once, then the same scene, link and code). */
export function fetchShare(kind: ShareKind, targetId?: string): Promise<Share> {
  return api.call(createShare, { body: kind === 'invite' ? { kind } : { kind, targetId } });
}

export function fetchEarnings(): Promise<Earnings> {
  return api.call(getMyEarnings);
}

export function fetchTeam(tier: number, cursor?: string): Promise<TeamPage> {
  return api.call(listMyTeam, { query: { tier, cursor, limit: 20 } });
}

export function fetchDistributorQueue(status: DistributorStatus, cursor?: string): Promise<DistributorPage> {
  return api.call(listDistributorQueue, { query: { status, cursor, limit: 20 } });
}

export function approveApplication(userId: string): Promise<Distributor> {
  return api.call(approveDistributor, { params: { userId } });
}

export function rejectApplication(userId: string, reason: string): Promise<Distributor> {
  return api.call(rejectDistributor, { params: { userId }, body: { reason } });
}

let distributorNow: Promise<boolean> | undefined;
/** Whether the signed-in caller is an approved distributor, asked once per run (and again after `forgetDistributor`). */
export function isDistributorNow(): Promise<boolean> {
  distributorNow ??= fetchMyDistributor()
    .then((m) => m.distributor?.status === 'approved')
    .catch(() => {
      distributorNow = undefined;
      return false;
    });
  return distributorNow;
}

export function forgetDistributor(): void {
  distributorNow = undefined;
}
