/**
 * The compiled WeChat build running in a fake WeChat client against the real local API and the
 * WeChat simulator: one-tap sign-in, then the Me page.
 */
import { CATALOG } from '@wxshop/shared/i18n/messages';
import { API, call } from '../support/api-client';
import { compileWxml, ensureWeappBuild, renderedText, WeappHost, type RecordedRequest } from '../support/weapp-host';

jest.setTimeout(60_000);

interface SignedIn {
  accessToken: string;
  refreshToken: string;
  profile: { id: string; nickname: string; language: string };
}

/** wx.request has no PATCH. */
const WX_REQUEST_METHODS = ['OPTIONS', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'TRACE', 'CONNECT'];

const freshOpenid = (): string => `oE2E${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;

const answered = (host: WeappHost, method: string, path: string): RecordedRequest | undefined =>
  host.requests.find((r) => r.method === method && r.url === `${API}${path}` && (r.status !== undefined || r.error !== undefined));

/** Launches the app on the Me tab, taps "sign in" and then WeChat one-tap; resolves once back on Me. */
async function signInWithWechat(host: WeappHost): Promise<SignedIn> {
  const me = host.launch('pages/me/index');
  await host.waitFor('the signed-out Me page', () => me.has('me-signin'));
  me.tap('me-signin');
  const login = await host.waitFor('the login page', () => host.current().route === 'pages/login/index' && host.current());
  await host.waitFor('the WeChat button', () => login.has('login-wechat'));
  login.tap('login-wechat');
  const reply = await host.waitFor('POST /auth/wechat', () => answered(host, 'POST', '/auth/wechat'));
  expect({ status: reply.status, error: reply.error }).toEqual({ status: 200, error: undefined });
  await host.waitFor('the Me page again', () => host.current().route === 'pages/me/index');
  return reply.response as SignedIn;
}

beforeAll(ensureWeappBuild, 120_000);

describe('the WeChat build', () => {
  it('shows the signed-out Me page and a WeChat one-tap login page without phone or email forms', async () => {
    // Prepare
    const host = new WeappHost({ language: 'en' });
    const me = host.launch('pages/me/index');
    await host.waitFor('the Me page to render', () => me.has('me-signed-out-title'));

    // Act
    me.tap('me-signin');
    const login = await host.waitFor('the login page', () => host.current().route === 'pages/login/index' && host.current());
    await host.waitFor('the login page to render', () => login.has('login-wechat'));

    // Assert
    expect(me.text('me-signed-out-title')).toBe(CATALOG.en['me.signed_out_title']);
    expect(login.text('login-wechat')).toBe(CATALOG.en['login.wechat']);
    expect(login.has('login-phone')).toBe(false);
    expect(login.has('login-email')).toBe(false);
    expect(host.routes()).toEqual(['pages/me/index', 'pages/login/index']);
  });

  it('signs in with the WeChat one-tap against the real API, stores the tokens and shows the nickname on Me', async () => {
    // Prepare
    const host = new WeappHost({ language: 'zh_CN', openid: freshOpenid() });

    // Act
    const signedIn = await signInWithWechat(host);
    const me = host.current();
    await host.waitFor('the nickname on Me', () => me.text('me-nickname'));
    await host.waitFor('GET /me', () => answered(host, 'GET', '/me'));

    // Assert
    const wechatCall = answered(host, 'POST', '/auth/wechat')!;
    expect(wechatCall.body).toEqual({ code: expect.stringMatching(/\S{8,}/), language: 'zh-CN' });
    expect(host.storage.get('wxshop.session')).toMatchObject({ accessToken: signedIn.accessToken, refreshToken: signedIn.refreshToken });
    expect(me.text('me-nickname')).toBe(signedIn.profile.nickname);
    expect(me.text('me-logout')).toBe(CATALOG['zh-CN']['me.logout']);
    expect(me.has('me-signed-out')).toBe(false);
    expect(host.toasts).toContain(CATALOG['zh-CN']['login.success']);
    expect(answered(host, 'GET', '/me')?.headers.Authorization).toBe(`Bearer ${signedIn.accessToken}`);
    expect((await call('GET', '/me', { token: signedIn.accessToken })).status).toBe(200);
  });

  it('renders the signed-in Me page data through the compiled WXML template', async () => {
    // Prepare
    const host = new WeappHost({ language: 'en', openid: freshOpenid() });
    const signedIn = await signInWithWechat(host);
    const me = host.current();
    await host.waitFor('the nickname on Me', () => me.text('me-nickname'));

    // Act
    const { tree, warnings } = compileWxml().render('pages/me/index.wxml', me.instance.data);

    // Assert
    expect(warnings).toEqual([]);
    expect(renderedText(tree, 'me-nickname')).toBe(signedIn.profile.nickname);
    expect(renderedText(tree, 'me-logout')).toBe(CATALOG.en['me.logout']);
  });

  it('saves a language change with a method wx.request supports, and the API applies it', async () => {
    // Prepare
    const host = new WeappHost({ language: 'en', openid: freshOpenid() });
    const signedIn = await signInWithWechat(host);
    const me = host.current();
    await host.waitFor('the language row', () => me.has('me-language'));

    // Act
    me.tap('me-language');
    await host.waitFor('the language options', () => me.has('lang-option-de'));
    me.tap('lang-option-de');
    const update = await host.waitFor('the profile update', () => host.requests.find((r) => r.url === `${API}/me` && r.method !== 'GET' && r.status));

    // Assert
    expect(WX_REQUEST_METHODS).toContain(update.method);
    expect({ request: `${update.method} /me`, status: update.status }).toEqual({ request: `${update.method} /me`, status: 200 });
    expect(me.text('me-logout')).toBe(CATALOG.de['me.logout']);
    const profile = await call<{ language: string }>('GET', '/me', { token: signedIn.accessToken });
    expect(profile.body.language).toBe('de');
  });
});
