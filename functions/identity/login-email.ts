import { loginEmail } from '@wxshop/shared/api/auth';
import { http } from '../lib/http';
import { loginWithEmail } from './logins';

export const handler = http(loginEmail, async ({ body }) => loginWithEmail(body.email, body.password));
