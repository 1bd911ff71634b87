import { loginAlipay } from '@wxshop/shared/api/auth';
import { http } from '../lib/http';
import { loginWithAlipay } from './logins';

export const handler = http(loginAlipay, async ({ body }) => loginWithAlipay(body.authCode, body.language));
