/**
 * WeChat Pay's side of the API v3 cryptography: verifying merchant requests, signing responses and
 * notifications, encrypting notification resources.
 *
 * NOTE: deliberately independent of functions/lib/adapters/wechatpay.ts; this is a stand-in for the
 * foreign service, so a bug in our signing must show up here as a SIGN_ERROR.
 */
import { createCipheriv, createSign, createVerify } from 'node:crypto';
import { randomChars } from './util';

const SCHEME = 'WECHATPAY2-SHA256-RSA2048';
const MAX_CLOCK_SKEW_S = 300;

export interface MerchantCredentials {
  mchid: string;
  serialNo: string;
  publicKeyPem: string;
}

export interface VerifiedCaller {
  mchid: string;
}

/** Splits `WECHATPAY2-SHA256-RSA2048 k="v",k="v"` into its fields. */
function parseAuthorization(authorization: string): Record<string, string> | undefined {
  if (!authorization.startsWith(`${SCHEME} `)) return undefined;
  const fields: Record<string, string> = {};
  for (const match of authorization.slice(SCHEME.length + 1).matchAll(/(\w+)="([^"]*)"/g)) {
    const [, key, value] = match;
    if (key !== undefined && value !== undefined) fields[key] = value;
  }
  return fields;
}

/**
 * Checks the Authorization header of a merchant request.
 * @returns the caller, or a reason for the SIGN_ERROR answer.
 */
export function verifyMerchantRequest(
  credentials: MerchantCredentials,
  request: { authorization: string | undefined; method: string; pathWithQuery: string; body: string },
): VerifiedCaller | { reason: string } {
  const fields = parseAuthorization(request.authorization ?? '');
  if (!fields) return { reason: 'Authorization header missing or not WECHATPAY2-SHA256-RSA2048' };
  const { mchid, nonce_str: nonce, signature, timestamp, serial_no: serial } = fields;
  if (!mchid || !nonce || !signature || !timestamp || !serial) return { reason: 'Authorization header incomplete' };
  if (mchid !== credentials.mchid) return { reason: 'mchid unknown' };
  if (serial !== credentials.serialNo) return { reason: 'merchant certificate serial_no mismatch' };
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_S) return { reason: 'timestamp expired' };
  const message = [request.method, request.pathWithQuery, timestamp, nonce, request.body].join('\n') + '\n';
  const verifier = createVerify('RSA-SHA256');
  verifier.update(message, 'utf8');
  return verifier.verify(credentials.publicKeyPem, signature, 'base64') ? { mchid } : { reason: 'signature mismatch' };
}

/** Signature headers WeChat Pay puts on responses and notifications. */
export function signedHeaders(platformPrivateKeyPem: string, publicKeyId: string, body: string): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomChars(32);
  const signer = createSign('RSA-SHA256');
  signer.update(`${timestamp}\n${nonce}\n${body}\n`, 'utf8');
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Signature': signer.sign(platformPrivateKeyPem, 'base64'),
    'Wechatpay-Serial': publicKeyId,
  };
}

/** AEAD_AES_256_GCM with the APIv3 key: a 12-char nonce, the 16-byte tag appended, base64. */
export function encryptResource(apiV3Key: string, plaintext: string, associatedData: string): { ciphertext: string; nonce: string } {
  const nonce = randomChars(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { ciphertext: encrypted.toString('base64'), nonce };
}

/** Verifies `paySign` of wx.requestPayment, as the WeChat client would before charging. */
export function verifyPaySign(
  merchantPublicKeyPem: string,
  params: { appId: string; timeStamp: string; nonceStr: string; package: string; paySign: string },
): boolean {
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${params.appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`, 'utf8');
  return verifier.verify(merchantPublicKeyPem, params.paySign, 'base64');
}
