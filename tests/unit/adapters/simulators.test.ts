import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, normalisePem, smsConfig, wechatPayConfig } from '../../../functions/lib/adapters/config';
import { sendSms } from '../../../functions/lib/adapters/sms';
import { ensureLocalKeys } from '../../../infra/local/keys';
import { type Harness, startHarness } from './harness';

const ENV_NAMES = [
  'WECHAT_API_BASE',
  'WECHAT_APPID',
  'WECHAT_SECRET',
  'WECHATPAY_API_BASE',
  'WECHATPAY_MCHID',
  'WECHATPAY_MERCHANT_SERIAL',
  'WECHATPAY_PRIVATE_KEY',
  'WECHATPAY_PUBLIC_KEY_ID',
  'WECHATPAY_PUBLIC_KEY',
  'WECHATPAY_APIV3_KEY',
  'WECHATPAY_NOTIFY_URL',
  'ALIPAY_GATEWAY',
  'ALIPAY_APPID',
  'ALIPAY_PRIVATE_KEY',
  'ALIPAY_PUBLIC_KEY',
  'ALIPAY_NOTIFY_URL',
  'SMS_API_BASE',
  'SMS_SECRET_ID',
  'SMS_SECRET_KEY',
  'SMS_SDK_APP_ID',
  'SMS_SIGN_NAME',
  'SMS_TEMPLATE_LOGIN',
  'KUAIDI100_API_BASE',
  'KUAIDI100_KEY',
  'KUAIDI100_SALT',
  'KUAIDI100_CALLBACK_URL',
];

describe('simulators, local keys and adapter configuration', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  afterEach(() => h.restoreEnv());

  it('answers the health check', async () => {
    const response = await fetch(`${h.sims.baseUrl}/_sim/health`);

    expect(await response.json()).toEqual({ ok: true });
  });

  it('shows recent SMS on the developer page', async () => {
    await sendSms({ phone: '+8613800000001', templateId: '1000001', params: ['112233', '5'] });

    const response = await fetch(`${h.sims.baseUrl}/`);

    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('112233');
  });

  it('shows the demo sub-merchants and the tables of the e-commerce, shipping and tracking simulators', async () => {
    const page = await (await fetch(`${h.sims.baseUrl}/`)).text();

    expect(page).toContain('1900000101');
    expect(page).toContain('2088000000000101');
    expect(page).toContain('WeChat order shipping');
    expect(page).toContain('Kuaidi100 subscriptions');
  });

  it('answers 404 for an unknown route', async () => {
    expect((await fetch(`${h.sims.baseUrl}/nope`)).status).toBe(404);
  });

  it('generates local keys once and returns the same material afterwards', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keys-'));
    try {
      const first = await ensureLocalKeys(dir);
      const again = await ensureLocalKeys(dir);

      expect(again).toEqual(first);
      expect(first.wechatpay.publicKeyId).toMatch(/^PUB_KEY_ID_0112\d{24}$/);
      expect(first.wechatpay.apiV3Key).toHaveLength(32);
      expect(first.wechatpay.merchant.privateKey).toContain('BEGIN PRIVATE KEY');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives every variable the adapters read, with PEMs on one line', () => {
    expect(Object.keys(h.env)).toEqual(expect.arrayContaining(ENV_NAMES));
    expect(h.env.WECHATPAY_PRIVATE_KEY).not.toContain('\n');
    expect(h.env.WECHATPAY_PRIVATE_KEY).toContain('\\n');
  });

  it('names the missing variable in the configuration error', () => {
    h.overrideEnv({ SMS_SECRET_KEY: undefined });

    expect(() => smsConfig()).toThrow(ConfigError);
    expect(() => smsConfig()).toThrow(/SMS_SECRET_KEY is not set/);
  });

  it('explains a malformed variable', () => {
    h.overrideEnv({ WECHATPAY_APIV3_KEY: 'short', WECHATPAY_PUBLIC_KEY: 'not a key' });

    expect(() => wechatPayConfig()).toThrow(/WECHATPAY_APIV3_KEY is invalid/);
    h.overrideEnv({ WECHATPAY_APIV3_KEY: h.env.WECHATPAY_APIV3_KEY });
    expect(() => wechatPayConfig()).toThrow(/WECHATPAY_PUBLIC_KEY is not a valid public key/);
  });

  it('turns literal \\n and bare base64 into PEM', () => {
    const pem = h.sims.keys.alipay.app.publicKey;
    const bare = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');

    expect(normalisePem(pem.trim().replace(/\n/g, '\\n'), 'PUBLIC KEY')).toBe(pem);
    expect(normalisePem(bare, 'PUBLIC KEY')).toBe(pem);
  });
});
