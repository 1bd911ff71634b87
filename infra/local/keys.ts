/**
 * Local key material for the external-service simulators and for our adapters talking to them.
 *
 * Generated once per machine into a git-ignored directory (the caller passes `.local/keys`), then
 * reused so signatures stay valid across restarts. Nothing here is ever used against the real services.
 */
import { createHash, generateKeyPair, randomBytes, randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';

const generateKeyPairAsync = promisify(generateKeyPair);

export interface RsaKeyPair {
  privateKey: string;
  publicKey: string;
}

/** Identifiers and shared secrets (everything that is not a PEM). */
const LocalIds = z.object({
  wechat: z.object({ appid: z.string(), secret: z.string() }),
  wechatpay: z.object({
    mchid: z.string(),
    merchantSerial: z.string(),
    publicKeyId: z.string(),
    apiV3Key: z.string().length(32),
  }),
  alipay: z.object({ appid: z.string() }),
  sms: z.object({
    secretId: z.string(),
    secretKey: z.string(),
    sdkAppId: z.string(),
    signName: z.string(),
    templateLogin: z.string(),
  }),
});
type LocalIds = z.infer<typeof LocalIds>;

export interface LocalKeys {
  wechat: LocalIds['wechat'];
  wechatpay: LocalIds['wechatpay'] & {
    /** Our merchant API key pair: we sign requests with the private key, the sim verifies with the public one. */
    merchant: RsaKeyPair;
    /** WeChat Pay's key pair ("WeChat Pay public key" mode): the sim signs, we verify. */
    platform: RsaKeyPair;
  };
  alipay: LocalIds['alipay'] & {
    /** Our application key pair. */
    app: RsaKeyPair;
    /** Alipay's key pair ("Alipay public key"). */
    platform: RsaKeyPair;
  };
  sms: LocalIds['sms'];
}

const PAIRS = ['wechatpay-merchant', 'wechatpay-platform', 'alipay-app', 'alipay-platform'] as const;
type PairName = (typeof PAIRS)[number];
const IDS_FILE = 'ids.json';

const privateFile = (name: PairName): string => `${name}-private.pem`;
const publicFile = (name: PairName): string => `${name}-public.pem`;

/**
 * Returns the local key material, generating and persisting it in `dir` the first time.
 * If any file is missing, everything is regenerated so the set stays consistent.
 */
export async function ensureLocalKeys(dir: string): Promise<LocalKeys> {
  const files = [IDS_FILE, ...PAIRS.flatMap((p) => [privateFile(p), publicFile(p)])];
  if (files.every((f) => existsSync(join(dir, f)))) return readKeys(dir);
  const keys = await generateKeys();
  await writeKeys(dir, keys);
  return keys;
}

async function readKeys(dir: string): Promise<LocalKeys> {
  const ids = LocalIds.parse(JSON.parse(await readFile(join(dir, IDS_FILE), 'utf8')));
  const pair = async (name: PairName): Promise<RsaKeyPair> => ({
    privateKey: await readFile(join(dir, privateFile(name)), 'utf8'),
    publicKey: await readFile(join(dir, publicFile(name)), 'utf8'),
  });
  return {
    wechat: ids.wechat,
    wechatpay: { ...ids.wechatpay, merchant: await pair('wechatpay-merchant'), platform: await pair('wechatpay-platform') },
    alipay: { ...ids.alipay, app: await pair('alipay-app'), platform: await pair('alipay-platform') },
    sms: ids.sms,
  };
}

async function writeKeys(dir: string, keys: LocalKeys): Promise<void> {
  await mkdir(dir, { recursive: true });
  const pairs: Record<PairName, RsaKeyPair> = {
    'wechatpay-merchant': keys.wechatpay.merchant,
    'wechatpay-platform': keys.wechatpay.platform,
    'alipay-app': keys.alipay.app,
    'alipay-platform': keys.alipay.platform,
  };
  for (const name of PAIRS) {
    await writeAtomically(join(dir, privateFile(name)), pairs[name].privateKey);
    await writeAtomically(join(dir, publicFile(name)), pairs[name].publicKey);
  }
  const ids: LocalIds = {
    wechat: keys.wechat,
    wechatpay: {
      mchid: keys.wechatpay.mchid,
      merchantSerial: keys.wechatpay.merchantSerial,
      publicKeyId: keys.wechatpay.publicKeyId,
      apiV3Key: keys.wechatpay.apiV3Key,
    },
    alipay: { appid: keys.alipay.appid },
    sms: keys.sms,
  };
  // NOTE: ids.json is written last: its presence marks a complete set.
  await writeAtomically(join(dir, IDS_FILE), `${JSON.stringify(ids, null, 2)}\n`);
}

async function writeAtomically(path: string, content: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, content, { mode: 0o600 });
  await rename(tmp, path);
}

async function rsaPair(): Promise<RsaKeyPair> {
  const { privateKey, publicKey } = await generateKeyPairAsync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKey, publicKey };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const randomChars = (length: number, alphabet = ALNUM): string => Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
const digits = (length: number): string => randomChars(length, '0123456789');
const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

async function generateKeys(): Promise<LocalKeys> {
  const [merchant, platform, app, alipayPlatform] = await Promise.all([rsaPair(), rsaPair(), rsaPair(), rsaPair()]);
  const mchid = `19${digits(8)}`;
  return {
    wechat: { appid: `wx${hex(8)}`, secret: hex(16) },
    wechatpay: {
      mchid,
      merchantSerial: hex(20).toUpperCase(),
      // Real ids look like PUB_KEY_ID_ + 28 digits, starting with 011 and embedding the mchid.
      publicKeyId: `PUB_KEY_ID_0112${mchid}${digits(14)}`,
      apiV3Key: randomChars(32),
      merchant,
      platform,
    },
    alipay: { appid: `2021${digits(12)}`, app, platform: alipayPlatform },
    sms: {
      secretId: `AKID${randomChars(32)}`,
      secretKey: randomChars(32),
      sdkAppId: `1400${digits(6)}`,
      signName: '本地测试商城',
      templateLogin: '1000001',
    },
  };
}

/**
 * Kuaidi100 credentials for the local stack, derived from the persisted secrets so existing key
 * directories keep working: the authorization `key` the simulator accepts and the push `salt` we choose.
 */
export function kuaidi100Credentials(keys: LocalKeys): { key: string; salt: string } {
  const derive = (label: string): string => createHash('sha256').update(`${label}:${keys.wechat.secret}`).digest('hex');
  return { key: derive('kuaidi100-key').slice(0, 24), salt: derive('kuaidi100-salt').slice(0, 16) };
}

/** The mini-program's message push token (消息推送 Token) for the local stack, derived like the Kuaidi100 credentials. */
export function wechatMessageToken(keys: LocalKeys): string {
  return createHash('sha256').update(`wechat-message-token:${keys.wechat.secret}`).digest('hex').slice(0, 32);
}

/** One-line PEM (literal `\n`), safe for dotenv files and YAML; the adapters turn it back. */
const oneLine = (pem: string): string => pem.trim().replace(/\r?\n/g, '\\n');

export interface LocalServiceEnvOptions {
  /** Base URL of our own API (serverless-offline), used for payment notify URLs. */
  apiBaseUrl?: string;
}

/**
 * The environment variables the adapters read, pointing every external service at the simulators.
 * Notify URLs point at our API: `<apiBaseUrl>/payments/{wechatpay,alipay}/notify`.
 */
export function localServiceEnv(keys: LocalKeys, simBaseUrl: string, options: LocalServiceEnvOptions = {}): Record<string, string> {
  const sim = simBaseUrl.replace(/\/+$/, '');
  const api = (options.apiBaseUrl ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
  return {
    WECHAT_API_BASE: sim,
    WECHAT_APPID: keys.wechat.appid,
    WECHAT_SECRET: keys.wechat.secret,
    WECHAT_MESSAGE_TOKEN: wechatMessageToken(keys),
    WECHATPAY_API_BASE: sim,
    WECHATPAY_MCHID: keys.wechatpay.mchid,
    WECHATPAY_MERCHANT_SERIAL: keys.wechatpay.merchantSerial,
    WECHATPAY_PRIVATE_KEY: oneLine(keys.wechatpay.merchant.privateKey),
    WECHATPAY_PUBLIC_KEY_ID: keys.wechatpay.publicKeyId,
    WECHATPAY_PUBLIC_KEY: oneLine(keys.wechatpay.platform.publicKey),
    WECHATPAY_APIV3_KEY: keys.wechatpay.apiV3Key,
    WECHATPAY_NOTIFY_URL: `${api}/payments/wechatpay/notify`,
    WECHATPAY_REFUND_NOTIFY_URL: `${api}/payments/wechatpay/refund-notify`,
    ALIPAY_GATEWAY: `${sim}/gateway.do`,
    ALIPAY_APPID: keys.alipay.appid,
    ALIPAY_PRIVATE_KEY: oneLine(keys.alipay.app.privateKey),
    ALIPAY_PUBLIC_KEY: oneLine(keys.alipay.platform.publicKey),
    ALIPAY_NOTIFY_URL: `${api}/payments/alipay/notify`,
    // the simulator's platform account: the seller_id of every trade it notifies (sims/alipay-api.ts)
    ALIPAY_SELLER_ID: `2088${keys.alipay.appid.slice(-12)}`,
    KUAIDI100_API_BASE: sim,
    KUAIDI100_KEY: kuaidi100Credentials(keys).key,
    KUAIDI100_SALT: kuaidi100Credentials(keys).salt,
    KUAIDI100_CALLBACK_URL: `${api}/tracking/kuaidi100/push`,
    SMS_API_BASE: sim,
    SMS_SECRET_ID: keys.sms.secretId,
    SMS_SECRET_KEY: keys.sms.secretKey,
    SMS_SDK_APP_ID: keys.sms.sdkAppId,
    SMS_SIGN_NAME: keys.sms.signName,
    SMS_TEMPLATE_LOGIN: keys.sms.templateLogin,
  };
}
