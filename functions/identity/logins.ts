import type { Language } from '@wxshop/shared/i18n/languages';
import type { TokenPair } from '@wxshop/shared/api/auth';
import type { IdentityProvider } from '../lib/keys';
import { ConflictError, UnauthenticatedError, RateLimitedError } from '../lib/errors';
import { code2Session, type WechatSession } from '../lib/adapters/wechat';
import { wechatConfig } from '../lib/adapters/config';
import { exchangeAuthCode } from '../lib/adapters/alipay';
import { logger } from '../lib/logger';
import { bindIdentity, clearPasswordFailures, createAccount, displayOf, findIdentity, getProfile, recordPasswordFailure } from './accounts';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password';
import { startSession } from './sessions';
import { verifyCode } from './sms';
import { acceptStaffInvites } from '../merchants/staff';
import { rememberWechatOpenid } from './wechat-payer';

export const MAX_PASSWORD_FAILURES = 5;
export const LOCK_SECONDS = 15 * 60;

const DEFAULT_NICKNAME: Record<IdentityProvider, string> = { wechat: '微信用户', alipay: '支付宝用户', phone: '用户', email: '用户' };

/**
 * Signs in with a verified login method, creating the account on first use.
 * Primary course: 1. find the method's account; 2. else create account + method in one transaction
 * (if another request created it meanwhile, use that one); 3. start a session.
 */
async function signInWith(
  provider: IdentityProvider,
  subject: string,
  language?: Language,
  nickname?: string,
  onSignedIn?: (userId: string) => Promise<void>,
): Promise<TokenPair> {
  const begin = async (userId: string, isNewUser: boolean): Promise<TokenPair> => {
    // Store staff invites of this phone become memberships before the session's profile is read.
    if (provider === 'phone') await acceptStaffInvites(userId, subject);
    await onSignedIn?.(userId);
    return startSession(userId, provider, isNewUser);
  };
  const existing = await findIdentity(provider, subject);
  if (existing) return begin(existing.userId, false);
  const suffix = subject.replace(/[^A-Za-z0-9]/g, '').slice(-4);
  const created = await createAccount(
    { provider, subject, display: displayOf(provider, subject) },
    { nickname: nickname ?? `${DEFAULT_NICKNAME[provider]}${suffix}`, language },
  );
  if (created) return begin(created, true);
  const raced = await findIdentity(provider, subject);
  if (!raced) throw new Error('identity vanished during sign-up');
  return begin(raced.userId, false);
}

/** WeChat subject: the unionid when the app is bound to an open platform account, else the openid. */
const subjectOf = (session: WechatSession): string => session.unionid ?? session.openid;

/** The mini-program's payer id (WeChat Pay JSAPI needs the openid of this app, not the unionid). */
const rememberPayer = (session: WechatSession) => (userId: string) => rememberWechatOpenid(userId, wechatConfig().appid, session.openid);

async function wechatSession(code: string): Promise<WechatSession> {
  try {
    // NOTE: session_key is dropped here on purpose: it never leaves the server and is not stored yet
    // (it will be when decrypting phone numbers from getPhoneNumber is needed).
    return await code2Session(code);
  } catch (err) {
    logger.warn('jscode2session refused', { err: String(err) });
    throw new UnauthenticatedError('external_login_failed', 'WeChat sign-in failed: the code is invalid or used');
  }
}

export async function loginWithWechat(code: string, language?: Language): Promise<TokenPair> {
  const session = await wechatSession(code);
  return signInWith('wechat', subjectOf(session), language, undefined, rememberPayer(session));
}

export async function loginWithAlipay(authCode: string, language?: Language): Promise<TokenPair> {
  let userId: string;
  try {
    userId = (await exchangeAuthCode(authCode)).userId;
  } catch (err) {
    logger.warn('alipay oauth refused', { err: String(err) });
    throw new UnauthenticatedError('external_login_failed', 'Alipay sign-in failed: the code is invalid or used');
  }
  return signInWith('alipay', userId, language);
}

export async function loginWithSms(phone: string, code: string, language?: Language): Promise<TokenPair> {
  await verifyCode(phone, 'login', code);
  return signInWith('phone', phone, language);
}

export async function registerWithEmail(email: string, password: string, nickname?: string, language?: Language): Promise<TokenPair> {
  if (await findIdentity('email', email)) throw new ConflictError('An account with this email exists: sign in instead', 'identity_already_bound');
  const passwordHash = await hashPassword(password);
  const created = await createAccount(
    { provider: 'email', subject: email, display: displayOf('email', email), passwordHash },
    { nickname: nickname ?? `${DEFAULT_NICKNAME.email}${email.slice(0, 4)}`, language },
  );
  if (!created) throw new ConflictError('An account with this email exists: sign in instead', 'identity_already_bound');
  return startSession(created, 'email', true);
}

/** Email + password; five failures lock the login for 15 minutes (answered 429 with Retry-After). */
export async function loginWithEmail(email: string, password: string): Promise<TokenPair> {
  const identity = await findIdentity('email', email);
  const wrong = new UnauthenticatedError('invalid_credentials', 'The email or password is wrong');
  if (!identity?.passwordHash) {
    await burnPasswordCheck(password);
    throw wrong;
  }
  const now = Math.floor(Date.now() / 1000);
  if (identity.lockedUntil && identity.lockedUntil > now) {
    throw new RateLimitedError(identity.lockedUntil - now, 'account_locked', 'Too many wrong passwords: the login is locked for a while');
  }
  if (!(await verifyPassword(password, identity.passwordHash))) {
    const lockedUntil = await recordPasswordFailure(email, MAX_PASSWORD_FAILURES, LOCK_SECONDS);
    if (lockedUntil) throw new RateLimitedError(lockedUntil - now, 'account_locked', 'Too many wrong passwords: the login is locked for a while');
    throw wrong;
  }
  if (identity.failedAttempts || identity.lockedUntil) await clearPasswordFailures(email);
  return startSession(identity.userId, 'email', false);
}

export async function bindPhoneLogin(userId: string, phone: string, code: string) {
  await verifyCode(phone, 'bind', code);
  await bindIdentity(userId, { provider: 'phone', subject: phone, display: displayOf('phone', phone) });
  return getProfile(userId);
}

export async function bindWechatLogin(userId: string, code: string) {
  const session = await wechatSession(code);
  const subject = subjectOf(session);
  await bindIdentity(userId, { provider: 'wechat', subject, display: displayOf('wechat', subject) });
  await rememberPayer(session)(userId);
  return getProfile(userId);
}

export async function bindEmailLogin(userId: string, email: string, password: string) {
  await bindIdentity(userId, { provider: 'email', subject: email, display: displayOf('email', email), passwordHash: await hashPassword(password) });
  return getProfile(userId);
}
