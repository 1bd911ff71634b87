import { loginSms } from '@wxshop/shared/api/auth';
import { http } from '../lib/http';
import { loginWithSms } from './logins';

export const handler = http(loginSms, async ({ body }) => loginWithSms(body.phone, body.code, body.language));
