import { refreshToken } from '@wxshop/shared/api/auth';
import { http } from '../lib/http';
import { rotateSession } from './sessions';

export const handler = http(refreshToken, async ({ body }) => rotateSession(body.refreshToken));
