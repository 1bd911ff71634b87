import { loginWechat } from '@wxshop/shared/api/auth';
import { http } from '../lib/http';
import { loginWithWechat } from './logins';

export const handler = http(loginWechat, async ({ body }) => loginWithWechat(body.code, body.language));
