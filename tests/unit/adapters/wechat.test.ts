import { z } from 'zod';
import {
  WechatApiError,
  checkText,
  clearAccessTokenCache,
  code2Session,
  getAccessToken,
  getUnlimitedQrCode,
  sendSubscribeMessage,
} from '../../../functions/lib/adapters/wechat';
import { type Harness, startHarness } from './harness';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const LoginAnswer = z.object({ code: z.string(), openid: z.string() });

describe('WeChat mini-program adapter against the simulator', () => {
  let h: Harness;
  const login = (openid?: string): Promise<z.infer<typeof LoginAnswer>> => h.simJson('POST', '/_sim/wechat/login', openid ? { openid } : {}, LoginAnswer);

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => clearAccessTokenCache());
  afterEach(() => h.restoreEnv());

  describe('code2Session', () => {
    it('exchanges a login code once and refuses it the second time', async () => {
      // Prepare
      const { code, openid } = await login();

      // Act
      const session = await code2Session(code);
      const second = code2Session(code);

      // Assert
      expect(session.openid).toBe(openid);
      expect(session.sessionKey).toMatch(/^[0-9a-f]{32}$/);
      await expect(second).rejects.toMatchObject({ name: 'WechatApiError', errcode: 40029 });
    });

    it('maps the same openid to the same unionid every time', async () => {
      const first = await code2Session((await login('o-fixed-user')).code);
      const again = await code2Session((await login('o-fixed-user')).code);

      expect(first.openid).toBe('o-fixed-user');
      expect(again.unionid).toBe(first.unionid);
    });

    it('refuses a code older than 5 minutes', async () => {
      const { code } = await login();
      const entry = h.sims.state.wechat.codes.get(code);
      if (entry) entry.expiresAt = Date.now() - 1;

      await expect(code2Session(code)).rejects.toMatchObject({ errcode: 40029 });
    });

    it('refuses a wrong app secret with 40125', async () => {
      const { code } = await login();
      h.overrideEnv({ WECHAT_SECRET: 'not-the-secret' });

      await expect(code2Session(code)).rejects.toBeInstanceOf(WechatApiError);
      await expect(code2Session(code)).rejects.toMatchObject({ errcode: 40125 });
    });
  });

  describe('access token', () => {
    it('caches the token instead of asking WeChat on every call', async () => {
      h.sims.state.wechat.stableToken = undefined;
      const issuedBefore = h.sims.state.wechat.tokensIssued;

      const first = await getAccessToken();
      const second = await getAccessToken();

      expect(second).toBe(first);
      expect(h.sims.state.wechat.tokensIssued - issuedBefore).toBe(1);
    });

    it('fetches a new token and retries once when WeChat reports the cached one invalid', async () => {
      const stale = await getAccessToken();
      h.sims.state.wechat.tokens.delete(stale);

      const result = await checkText({ content: 'hello', openid: 'o-user', scene: 2 });

      expect(result.pass).toBe(true);
      expect(await getAccessToken()).not.toBe(stale);
    });
  });

  describe('getUnlimitedQrCode', () => {
    it('returns a PNG image', async () => {
      const png = await getUnlimitedQrCode({ scene: 'p=01HXYZ&s=42', page: 'pages/product/index' });

      expect(png.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
      expect(png.length).toBeGreaterThan(200);
    });

    it('raises 40169 when the scene is longer than 32 characters', async () => {
      const scene = 'x'.repeat(33);

      await expect(getUnlimitedQrCode({ scene })).rejects.toMatchObject({ name: 'WechatApiError', errcode: 40169 });
    });

    it('answers JSON with errcode 40001, not an image, for an unknown access token', async () => {
      const response = await fetch(`${h.sims.baseUrl}/wxa/getwxacodeunlimit?access_token=bogus`, {
        method: 'POST',
        body: JSON.stringify({ scene: 'a=1' }),
      });

      expect(response.headers.get('content-type')).toContain('application/json');
      expect(await response.json()).toMatchObject({ errcode: 40001 });
    });
  });

  describe('sendSubscribeMessage', () => {
    it('sends a message the developer can read back from the simulator', async () => {
      await sendSubscribeMessage({
        touser: 'o-shopper',
        templateId: 'TPL_ORDER_SHIPPED',
        page: 'pages/order/detail?id=1',
        data: { thing1: '订单已发货', time2: '2024-05-20 10:00' },
      });

      const { messages } = await h.simJson(
        'GET',
        '/_sim/wechat/messages?touser=o-shopper',
        undefined,
        z.object({ messages: z.array(z.object({ templateId: z.string(), data: z.record(z.string(), z.object({ value: z.string() })) })) }),
      );
      expect(messages[0]).toEqual({ templateId: 'TPL_ORDER_SHIPPED', data: { thing1: { value: '订单已发货' }, time2: { value: '2024-05-20 10:00' } } });
    });
  });

  describe('checkText', () => {
    it('flags text containing a banned word as risky', async () => {
      const result = await checkText({ content: '这里有违禁词出现', openid: 'o-user', scene: 2 });

      expect(result).toEqual({ pass: false, suggest: 'risky', label: 20006 });
    });

    it('passes ordinary text', async () => {
      const result = await checkText({ content: 'Great product, fast delivery', openid: 'o-user', scene: 2 });

      expect(result).toEqual({ pass: true, suggest: 'pass', label: 100 });
    });
  });
});
