import { logoutAll } from '@wxshop/shared/api/auth';
import { http } from '../lib/http';
import { endAllSessions } from './sessions';

export const handler = http(logoutAll, async ({ user }) => ({ ok: true as const, revoked: await endAllSessions(user.userId) }));
