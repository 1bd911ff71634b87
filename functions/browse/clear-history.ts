import { clearHistory } from '@wxshop/shared/api/browse';
import { http } from '../lib/http';
import { clearHistory as clear } from './history';

export const handler = http(clearHistory, async ({ user }) => ({ ok: true as const, removed: await clear(user.userId) }));
