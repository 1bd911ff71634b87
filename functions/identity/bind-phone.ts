import { bindPhone } from '@wxshop/shared/api/auth';
import { http } from '../lib/http';
import { bindPhoneLogin } from './logins';

export const handler = http(bindPhone, async ({ body, user }) => bindPhoneLogin(user.userId, body.phone, body.code));
