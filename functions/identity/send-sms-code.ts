import { sendSmsCode } from '@wxshop/shared/api/auth';
import { http } from '../lib/http';
import { sendCode } from './sms';

export const handler = http(sendSmsCode, async ({ body }) => ({ ok: true as const, ...(await sendCode(body.phone, body.purpose)) }));
