/**
 * The one request layer of the app (STYLE.md): Taro.request transport, token storage, refresh on
 * expiry, redirect to sign-in when the session is over, and error -> translated text / toast.
 * Pages never call Taro.request themselves: they use the typed functions in services/*.ts.
 */
import Taro from '@tarojs/taro';
import { getLanguage, t, tDynamic } from '../i18n';
import { adaptMethod } from '../platform/http';
import { ApiError, createApiClient, isApiError, type Transport } from './http-core';
import { clearSession, getSession, saveTokenPair } from './session';

export { ApiError, isApiError } from './http-core';

/** Fixed at build time (config/index.ts): the local stack by default, the deployed stage for a release. */
export const API_BASE: string = process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3000';

const LOGIN_PAGE = 'pages/login/index';

const taroTransport: Transport = async (req) => {
  const { method, headers } = adaptMethod(req.method);
  const res = await Taro.request({
    url: req.url,
    method,
    header: { ...req.headers, ...headers },
    data: req.body,
    dataType: 'json',
    timeout: 15000,
  });
  return { status: res.statusCode, body: res.data };
};

function currentRoute(): string | undefined {
  try {
    const pages = Taro.getCurrentPages();
    return pages[pages.length - 1]?.route?.replace(/^\//, '');
  } catch {
    return undefined;
  }
}

/** Sends the user to sign in, unless already there. */
export function goToLogin(): void {
  if (currentRoute() === LOGIN_PAGE) return;
  void Taro.navigateTo({ url: `/${LOGIN_PAGE}` }).catch(() => undefined);
}

export const api = createApiClient({
  baseUrl: API_BASE,
  transport: taroTransport,
  language: getLanguage,
  tokens: {
    get: () => getSession(),
    save: saveTokenPair,
    clear: clearSession,
  },
  onSessionExpired: () => {
    void Taro.showToast({ title: t('error.token_expired'), icon: 'none', duration: 2500 });
    goToLogin();
  },
});

/** The message to show for any failure: `error.<code>` in the current language. */
export function errorText(e: unknown): string {
  if (isApiError(e)) {
    if (e.code === 'rate_limited' && e.retryAfter) return t('error.rate_limited_after', { seconds: e.retryAfter });
    return tDynamic(`error.${e.code}`, 'error.internal_error');
  }
  return t('error.internal_error');
}

/** Shows the failure as a toast (for actions; screens show their error state instead). */
export function toastError(e: unknown): void {
  void Taro.showToast({ title: errorText(e), icon: 'none', duration: 2500 });
}

export function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none', duration: 2000 });
}

/** The error code of a failure (`network_error` for anything that is not an API answer). */
export function errorCode(e: unknown): ApiError['code'] {
  return isApiError(e) ? e.code : 'internal_error';
}
