import { registerEmail } from '@wxshop/shared/api/auth';
import { http } from '../lib/http';
import { registerWithEmail } from './logins';

export const handler = http(registerEmail, async ({ body }) => registerWithEmail(body.email, body.password, body.nickname, body.language));
