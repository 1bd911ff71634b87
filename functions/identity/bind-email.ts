import { bindEmail } from '@wxshop/shared/api/auth';
import { http } from '../lib/http';
import { bindEmailLogin } from './logins';

export const handler = http(bindEmail, async ({ body, user }) => bindEmailLogin(user.userId, body.email, body.password));
