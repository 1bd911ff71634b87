/**
 * Alipay's side of RSA2 signing: verifying app requests, signing responses and async notifications.
 *
 * NOTE: deliberately independent of functions/lib/adapters/alipay.ts (a stand-in for the foreign
 * service must catch our signing bugs, not share them).
 */
import { createSign, createVerify } from 'node:crypto';

/** The string Alipay signs: non-empty params except the excluded ones, sorted by key, `k=v` joined by `&`. */
export function contentToSign(params: Record<string, string>, exclude: readonly string[]): string {
  return Object.keys(params)
    .filter((key) => !exclude.includes(key) && params[key] !== '')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
}

/** Request signatures cover every parameter but `sign` (sign_type included). */
export function verifyAppRequest(appPublicKeyPem: string, params: Record<string, string>): { ok: boolean; content: string } {
  const content = contentToSign(params, ['sign']);
  const verifier = createVerify('SHA256');
  verifier.update(content, 'utf8');
  return { ok: verifier.verify(appPublicKeyPem, params.sign ?? '', 'base64'), content };
}

export function rsa2Sign(privateKeyPem: string, text: string): string {
  const signer = createSign('SHA256');
  signer.update(text, 'utf8');
  return signer.sign(privateKeyPem, 'base64');
}

/** Async notifications are signed over every parameter but `sign` and `sign_type`. */
export function signNotification(platformPrivateKeyPem: string, params: Record<string, string>): Record<string, string> {
  return { ...params, sign: rsa2Sign(platformPrivateKeyPem, contentToSign(params, ['sign', 'sign_type'])) };
}
