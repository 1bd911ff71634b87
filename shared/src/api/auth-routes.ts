import { z } from 'zod';
import { defineRoute } from './route';
import { Ok } from './params';
import { Email, Password, Phone, Profile, SmsCode } from '../users';
import { Language } from '../i18n/languages';

export const TokenPair = z.object({
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
  refreshToken: z.string(),
  /** True when this login created the account. */
  isNewUser: z.boolean(),
  profile: Profile,
});
export type TokenPair = z.infer<typeof TokenPair>;

export const loginWechat = defineRoute({
  id: 'login-wechat',
  method: 'POST',
  path: '/auth/wechat',
  summary: 'Sign in with a wx.login code (jscode2session on the server; session_key never leaves it)',
  tag: 'auth',
  auth: 'public',
  body: z.object({ code: z.string().min(1).max(128), language: Language.optional() }).strict(),
  response: TokenPair,
  rateLimit: [{ key: 'ip', limit: 60, per: 60 }],
});

export const loginAlipay = defineRoute({
  id: 'login-alipay',
  method: 'POST',
  path: '/auth/alipay',
  summary: 'Sign in with an Alipay my.getAuthCode auth code',
  tag: 'auth',
  auth: 'public',
  body: z.object({ authCode: z.string().min(1).max(128), language: Language.optional() }).strict(),
  response: TokenPair,
  rateLimit: [{ key: 'ip', limit: 60, per: 60 }],
});

export const sendSmsCode = defineRoute({
  id: 'send-sms-code',
  method: 'POST',
  path: '/auth/sms/send',
  summary: 'Send a 6-digit code by SMS (one per phone per 60 s, 10 per phone per day, 30 per IP per hour)',
  tag: 'auth',
  auth: 'public',
  body: z.object({ phone: Phone, purpose: z.enum(['login', 'bind']) }).strict(),
  response: z.object({ ok: z.literal(true), resendAfter: z.number().int(), expiresIn: z.number().int() }),
  rateLimit: [{ key: 'ip', limit: 30, per: 3600 }],
});

export const loginSms = defineRoute({
  id: 'login-sms',
  method: 'POST',
  path: '/auth/sms/login',
  summary: 'Sign in (or sign up) with phone and SMS code; a code works once, five wrong tries void it',
  tag: 'auth',
  auth: 'public',
  body: z.object({ phone: Phone, code: SmsCode, language: Language.optional() }).strict(),
  response: TokenPair,
  rateLimit: [{ key: 'ip', limit: 60, per: 60 }],
});

export const registerEmail = defineRoute({
  id: 'register-email',
  method: 'POST',
  path: '/auth/email/register',
  summary: 'Create an account with email and password',
  tag: 'auth',
  auth: 'public',
  status: 201,
  body: z.object({ email: Email, password: Password, nickname: z.string().trim().min(1).max(32).optional(), language: Language.optional() }).strict(),
  response: TokenPair,
  rateLimit: [{ key: 'ip', limit: 20, per: 3600 }],
});

export const loginEmail = defineRoute({
  id: 'login-email',
  method: 'POST',
  path: '/auth/email/login',
  summary: 'Sign in with email and password; 5 failures lock the account for 15 minutes',
  tag: 'auth',
  auth: 'public',
  body: z.object({ email: Email, password: z.string().min(1).max(128) }).strict(),
  response: TokenPair,
  rateLimit: [{ key: 'ip', limit: 30, per: 60 }],
});

export const refreshToken = defineRoute({
  id: 'refresh-token',
  method: 'POST',
  path: '/auth/refresh',
  summary: 'Rotate a refresh token; reusing an old one revokes the whole session',
  tag: 'auth',
  auth: 'public',
  body: z.object({ refreshToken: z.string().min(1).max(512) }).strict(),
  response: TokenPair,
  rateLimit: [{ key: 'ip', limit: 120, per: 60 }],
});

export const logout = defineRoute({
  id: 'logout',
  method: 'POST',
  path: '/auth/logout',
  summary: 'Revoke the current session (its refresh token stops working)',
  tag: 'auth',
  auth: 'user',
  body: z.object({}).strict().optional(),
  response: Ok,
});

export const bindPhone = defineRoute({
  id: 'bind-phone',
  method: 'POST',
  path: '/me/identities/phone',
  summary: 'Bind a phone (verified by an SMS code sent with purpose "bind") to this account',
  tag: 'me',
  auth: 'user',
  body: z.object({ phone: Phone, code: SmsCode }).strict(),
  response: Profile,
});

export const bindWechat = defineRoute({
  id: 'bind-wechat',
  method: 'POST',
  path: '/me/identities/wechat',
  summary: 'Bind a WeChat account (wx.login code) to this account',
  tag: 'me',
  auth: 'user',
  body: z.object({ code: z.string().min(1).max(128) }).strict(),
  response: Profile,
});

export const bindEmail = defineRoute({
  id: 'bind-email',
  method: 'POST',
  path: '/me/identities/email',
  summary: 'Add email + password sign-in to this account',
  tag: 'me',
  auth: 'user',
  body: z.object({ email: Email, password: Password }).strict(),
  response: Profile,
});

export const logoutAll = defineRoute({
  id: 'logout-all',
  method: 'POST',
  path: '/auth/logout-all',
  summary: 'Sign out everywhere: revoke every session of this account',
  tag: 'auth',
  auth: 'user',
  body: z.object({}).strict().optional(),
  response: z.object({ ok: z.literal(true), revoked: z.number().int() }),
});
