import { removePlatformStaff } from '@wxshop/shared/api/admin';
import { http } from '../lib/http';
import { revokeStaffRole } from './staff';

export const handler = http(removePlatformStaff, async ({ params, user }) => {
  await revokeStaffRole(params.userId, user.userId);
  return { ok: true as const };
});
