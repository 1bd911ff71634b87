/**
 * Configuration of the external-service adapters, read from the environment lazily (on first use)
 * and validated with zod, plus the errors and the HTTP call the adapters share.
 * The same variables point at the real services on AWS and at infra/local/sims locally.
 */
import { type KeyObject, createPrivateKey, createPublicKey } from 'node:crypto';
import { z } from 'zod';

export type ExternalService = 'wechat' | 'wechatpay' | 'alipay' | 'sms' | 'kuaidi100';

/** A required environment variable is missing or malformed. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly variables: string[],
    message: string,
  ) {
    super(message);
  }
}

/** An outside service refused or failed a call; subclasses carry the service's own error code. */
export class ExternalServiceError extends Error {
  override name = 'ExternalServiceError';
  constructor(
    readonly service: ExternalService,
    readonly code: string,
    message: string,
  ) {
    super(`${service}: ${code}: ${message}`);
  }
}

/** A response or notification whose signature, serial, timestamp or ciphertext does not check out. */
export class InvalidSignatureError extends ExternalServiceError {
  override name = 'InvalidSignatureError';
  constructor(service: ExternalService, reason: string) {
    super(service, 'INVALID_SIGNATURE', reason);
  }
}

const UPSTREAM_TIMEOUT_MS = 10_000;

/** fetch with a timeout; network failures become an ExternalServiceError. */
export async function callUpstream(service: ExternalService, url: URL, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS) });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ExternalServiceError(service, 'NETWORK_ERROR', `${url.origin}${url.pathname}: ${reason}`);
  }
}

/**
 * Accepts a PEM whose newlines may be literal `\n` (env files, YAML), or a bare base64 key as the
 * Alipay console shows it, and returns a proper PEM.
 */
export function normalisePem(value: string, kind: 'PRIVATE KEY' | 'PUBLIC KEY'): string {
  const text = value.replace(/\\n/g, '\n').replace(/\r\n/g, '\n').trim();
  if (text.startsWith('-----BEGIN')) return `${text}\n`;
  const body = text
    .replace(/\s+/g, '')
    .replace(/(.{64})/g, '$1\n')
    .trim();
  return `-----BEGIN ${kind}-----\n${body}\n-----END ${kind}-----\n`;
}

const required = z.string().trim().min(1);
const baseUrl = z.url().transform((url) => url.replace(/\/+$/, ''));

const WechatEnv = z.object({ WECHAT_API_BASE: baseUrl, WECHAT_APPID: required, WECHAT_SECRET: required });

const WechatPayEnv = z.object({
  WECHATPAY_API_BASE: baseUrl,
  WECHAT_APPID: required,
  WECHATPAY_MCHID: required,
  WECHATPAY_MERCHANT_SERIAL: required,
  WECHATPAY_PRIVATE_KEY: required,
  WECHATPAY_PUBLIC_KEY_ID: required,
  WECHATPAY_PUBLIC_KEY: required,
  WECHATPAY_APIV3_KEY: z.string().length(32, 'must be exactly 32 characters'),
  WECHATPAY_NOTIFY_URL: z.url(),
});

const AlipayEnv = z.object({
  ALIPAY_GATEWAY: z.url(),
  ALIPAY_APPID: required,
  ALIPAY_PRIVATE_KEY: required,
  ALIPAY_PUBLIC_KEY: required,
  ALIPAY_NOTIFY_URL: z.url(),
  /** Our platform's Alipay account (PID, 2088...): the seller_id of every trade notified to us; checked when set. */
  ALIPAY_SELLER_ID: z.string().trim().optional(),
});

const SmsEnv = z.object({
  SMS_API_BASE: baseUrl,
  SMS_SECRET_ID: required,
  SMS_SECRET_KEY: required,
  SMS_SDK_APP_ID: required,
  SMS_SIGN_NAME: required,
  SMS_TEMPLATE_LOGIN: required,
  SMS_REGION: z.string().default('ap-guangzhou'),
});

const Kuaidi100Env = z.object({
  KUAIDI100_API_BASE: baseUrl.default('https://poll.kuaidi100.com'),
  KUAIDI100_KEY: required,
  /** Our secret for push signatures: Kuaidi100 signs each push with MD5(param + salt). */
  KUAIDI100_SALT: z.string().trim().min(8, 'must be at least 8 characters'),
  KUAIDI100_CALLBACK_URL: z.url(),
});

/** Validates the variables a schema names; the error lists every missing or invalid one. */
function readEnv<S extends z.ZodObject>(service: ExternalService, schema: S): z.infer<S> {
  const parsed = schema.safeParse(process.env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '?');
    const value = process.env[name];
    return { name, text: value === undefined || value === '' ? `${name} is not set` : `${name} is invalid (${issue.message})` };
  });
  throw new ConfigError(
    problems.map((p) => p.name),
    `${service} adapter configuration: ${problems.map((p) => p.text).join('; ')}`,
  );
}

function parseKey(name: string, pem: string, kind: 'PRIVATE KEY' | 'PUBLIC KEY'): KeyObject {
  try {
    const normalised = normalisePem(pem, kind);
    return kind === 'PRIVATE KEY' ? createPrivateKey(normalised) : createPublicKey(normalised);
  } catch {
    throw new ConfigError([name], `${name} is not a valid ${kind.toLowerCase()} (PEM or base64 DER expected)`);
  }
}

export interface WechatConfig {
  apiBase: string;
  appid: string;
  secret: string;
}

export interface WechatPayConfig {
  apiBase: string;
  appid: string;
  mchid: string;
  merchantSerial: string;
  privateKey: KeyObject;
  publicKeyId: string;
  publicKey: KeyObject;
  apiV3Key: string;
  notifyUrl: string;
}

export interface AlipayConfig {
  gateway: string;
  appid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  notifyUrl: string;
  sellerId?: string;
}

export interface Kuaidi100Config {
  apiBase: string;
  key: string;
  salt: string;
  callbackUrl: string;
}

export interface SmsConfig {
  apiBase: string;
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  templateLogin: string;
  region: string;
}

const loaders = {
  wechat: (): WechatConfig => {
    const env = readEnv('wechat', WechatEnv);
    return { apiBase: env.WECHAT_API_BASE, appid: env.WECHAT_APPID, secret: env.WECHAT_SECRET };
  },
  wechatpay: (): WechatPayConfig => {
    const env = readEnv('wechatpay', WechatPayEnv);
    return {
      apiBase: env.WECHATPAY_API_BASE,
      appid: env.WECHAT_APPID,
      mchid: env.WECHATPAY_MCHID,
      merchantSerial: env.WECHATPAY_MERCHANT_SERIAL,
      privateKey: parseKey('WECHATPAY_PRIVATE_KEY', env.WECHATPAY_PRIVATE_KEY, 'PRIVATE KEY'),
      publicKeyId: env.WECHATPAY_PUBLIC_KEY_ID,
      publicKey: parseKey('WECHATPAY_PUBLIC_KEY', env.WECHATPAY_PUBLIC_KEY, 'PUBLIC KEY'),
      apiV3Key: env.WECHATPAY_APIV3_KEY,
      notifyUrl: env.WECHATPAY_NOTIFY_URL,
    };
  },
  alipay: (): AlipayConfig => {
    const env = readEnv('alipay', AlipayEnv);
    return {
      gateway: env.ALIPAY_GATEWAY,
      appid: env.ALIPAY_APPID,
      privateKey: parseKey('ALIPAY_PRIVATE_KEY', env.ALIPAY_PRIVATE_KEY, 'PRIVATE KEY'),
      publicKey: parseKey('ALIPAY_PUBLIC_KEY', env.ALIPAY_PUBLIC_KEY, 'PUBLIC KEY'),
      notifyUrl: env.ALIPAY_NOTIFY_URL,
      ...(env.ALIPAY_SELLER_ID ? { sellerId: env.ALIPAY_SELLER_ID } : {}),
    };
  },
  kuaidi100: (): Kuaidi100Config => {
    const env = readEnv('kuaidi100', Kuaidi100Env);
    return { apiBase: env.KUAIDI100_API_BASE, key: env.KUAIDI100_KEY, salt: env.KUAIDI100_SALT, callbackUrl: env.KUAIDI100_CALLBACK_URL };
  },
  sms: (): SmsConfig => {
    const env = readEnv('sms', SmsEnv);
    return {
      apiBase: env.SMS_API_BASE,
      secretId: env.SMS_SECRET_ID,
      secretKey: env.SMS_SECRET_KEY,
      sdkAppId: env.SMS_SDK_APP_ID,
      signName: env.SMS_SIGN_NAME,
      templateLogin: env.SMS_TEMPLATE_LOGIN,
      region: env.SMS_REGION,
    };
  },
};

type Configs = { [K in keyof typeof loaders]: ReturnType<(typeof loaders)[K]> };
const cache: Partial<Configs> = {};

function load<K extends keyof Configs>(service: K): Configs[K] {
  const cached = cache[service];
  if (cached) return cached;
  const loaded = loaders[service]() as Configs[K];
  cache[service] = loaded;
  return loaded;
}

/** WeChat mini-program server API settings; throws ConfigError naming any missing variable. */
export const wechatConfig = (): WechatConfig => load('wechat');
/** WeChat Pay v3 settings (keys parsed once); throws ConfigError naming any missing variable. */
export const wechatPayConfig = (): WechatPayConfig => load('wechatpay');
/** Alipay open API settings (keys parsed once); throws ConfigError naming any missing variable. */
export const alipayConfig = (): AlipayConfig => load('alipay');
/** Kuaidi100 tracking subscription settings; throws ConfigError naming any missing variable. */
export const kuaidi100Config = (): Kuaidi100Config => load('kuaidi100');
/** Tencent Cloud SMS settings; throws ConfigError naming any missing variable. */
export const smsConfig = (): SmsConfig => load('sms');

/** Forgets the cached configuration so the next call reads the environment again (tests). */
export function resetAdapterConfig(): void {
  for (const key of Object.keys(cache) as (keyof Configs)[]) delete cache[key];
}
