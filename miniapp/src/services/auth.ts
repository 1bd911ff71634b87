import {
  loginAlipay,
  loginEmail,
  loginSms,
  loginWechat,
  logout as logoutRoute,
  registerEmail,
  sendSmsCode,
  type RouteResponse,
  type TokenPair,
} from '@wxshop/shared';
import { getLanguage, hasChosenLanguage, setLanguage } from '../i18n';
import { platformLogin } from '../platform/login';
import { api } from './request';
import { clearSession, getSession, saveTokenPair } from './session';

/** Stores the tokens; a profile language wins only when the user has not chosen one on this device. */
function signedIn(pair: TokenPair): TokenPair {
  saveTokenPair(pair);
  if (!hasChosenLanguage() && pair.profile.language !== getLanguage()) setLanguage(pair.profile.language);
  return pair;
}

/** The platform's one-tap sign-in (WeChat `wx.login` / Alipay `my.getAuthCode`). */
export async function signInNative(): Promise<TokenPair> {
  const native = platformLogin.native;
  if (!native) throw new Error('no one-tap sign-in on this platform');
  const code = await native.getCode();
  const language = getLanguage();
  const pair =
    native.provider === 'wechat'
      ? await api.call(loginWechat, { body: { code, language } })
      : await api.call(loginAlipay, { body: { authCode: code, language } });
  return signedIn(pair);
}

/** Sends a 6-digit login code; answers when a new one may be requested. */
export function sendLoginCode(phone: string): Promise<RouteResponse<typeof sendSmsCode>> {
  return api.call(sendSmsCode, { body: { phone, purpose: 'login' } });
}

export async function signInWithSms(phone: string, code: string): Promise<TokenPair> {
  return signedIn(await api.call(loginSms, { body: { phone, code, language: getLanguage() } }));
}

export async function signInWithEmail(email: string, password: string): Promise<TokenPair> {
  return signedIn(await api.call(loginEmail, { body: { email, password } }));
}

export async function registerWithEmail(email: string, password: string, nickname?: string): Promise<TokenPair> {
  return signedIn(await api.call(registerEmail, { body: { email, password, nickname: nickname || undefined, language: getLanguage() } }));
}

/** Revokes the session on the server (best effort) and forgets it here either way. */
export async function signOut(): Promise<void> {
  if (getSession()) {
    try {
      await api.call(logoutRoute, {});
    } catch {
      // NOTE: offline or already revoked: the local tokens are dropped all the same.
    }
  }
  clearSession();
}
