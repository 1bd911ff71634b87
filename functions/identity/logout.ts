import { logout } from '@wxshop/shared/api/auth';
import { http } from '../lib/http';
import { endSession } from './sessions';

export const handler = http(logout, async ({ user }) => {
  await endSession(user.sessionId);
  return { ok: true as const };
});
