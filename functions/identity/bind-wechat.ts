import { bindWechat } from '@wxshop/shared/api/auth';
import { http } from '../lib/http';
import { bindWechatLogin } from './logins';

export const handler = http(bindWechat, async ({ body, user }) => bindWechatLogin(user.userId, body.code));
