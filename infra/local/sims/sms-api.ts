/**
 * Tencent Cloud SMS, API 3.0 (sms.tencentcloudapi.com, action SendSms, version 2021-01-11) with
 * full TC3-HMAC-SHA256 verification. Errors are HTTP 200 with `Response.Error`, as the real API.
 *
 * NOTE: the TC3 verification is written here independently of functions/lib/adapters/sms.ts.
 */
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { SimContext } from './context';
import { type Route, type SimReply, type SimRequest, header, json, parseBody } from './http';
import type { SmsRecord } from './state';
import { randomDigits } from './util';

const SERVICE = 'sms';
const MAX_SKEW_S = 300;

const SendSmsBody = z.object({
  PhoneNumberSet: z.array(z.string()).min(1).max(200),
  SmsSdkAppId: z.string(),
  SignName: z.string().optional(),
  TemplateId: z.string(),
  TemplateParamSet: z.array(z.string()).optional(),
  ExtendCode: z.string().optional(),
  SessionContext: z.string().optional(),
  SenderId: z.string().optional(),
});

const tcError = (code: string, message: string): SimReply => json(200, { Response: { Error: { Code: code, Message: message }, RequestId: randomUUID() } });

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: Buffer | string, text: string): Buffer => createHmac('sha256', key).update(text, 'utf8').digest();

/** `+8613800000000` from `13800000000`, `8613800000000` or ` 8613800000000` (a `+` decoded as space). */
export function normalisePhone(raw: string): string {
  const phone = raw.trim();
  if (/^\d{11}$/.test(phone)) return `+86${phone}`;
  if (/^86\d{11}$/.test(phone)) return `+${phone}`;
  return phone;
}

interface Tc3Authorization {
  secretId: string;
  date: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

function parseTc3Authorization(value: string): Tc3Authorization | undefined {
  const match = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
    value,
  );
  if (!match) return undefined;
  const [, secretId = '', date = '', service = '', signedHeaders = '', signature = ''] = match;
  return { secretId, date, service, signedHeaders: signedHeaders.split(';'), signature };
}

/** Recomputes the TC3 signature of a request; returns an error reply when it does not match. */
function verifyTc3(req: SimRequest, secretId: string, secretKey: string): SimReply | undefined {
  const auth = parseTc3Authorization(header(req, 'authorization') ?? '');
  if (!auth) return tcError('AuthFailure.InvalidAuthorization', 'Authorization header format error');
  if (auth.secretId !== secretId) return tcError('AuthFailure.SecretIdNotFound', 'The SecretId is not found');
  const timestamp = Number(header(req, 'x-tc-timestamp'));
  if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > MAX_SKEW_S) {
    return tcError('AuthFailure.SignatureExpire', 'Signature expired, timestamp out of range');
  }
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
  const required = ['content-type', 'host'];
  if (auth.date !== date || auth.service !== SERVICE || !required.every((h) => auth.signedHeaders.includes(h))) {
    return tcError('AuthFailure.SignatureFailure', 'The provided credentials could not be validated (credential scope)');
  }
  const canonicalHeaders = auth.signedHeaders.map((name) => `${name}:${(header(req, name) ?? '').trim().toLowerCase()}\n`).join('');
  const canonicalRequest = [
    req.method,
    req.url.pathname,
    req.url.search.replace(/^\?/, ''),
    canonicalHeaders,
    auth.signedHeaders.join(';'),
    sha256Hex(req.text),
  ].join('\n');
  const stringToSign = ['TC3-HMAC-SHA256', String(timestamp), `${date}/${SERVICE}/tc3_request`, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${secretKey}`, date), SERVICE), 'tc3_request');
  const expected = Buffer.from(hmac(signingKey, stringToSign).toString('hex'));
  const given = Buffer.from(auth.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return tcError('AuthFailure.SignatureFailure', 'The provided credentials could not be validated. Please check your signature is correct.');
  }
  return undefined;
}

export function smsRoutes(ctx: SimContext): Route[] {
  const { keys, state } = ctx;

  const render = (templateId: string, signName: string, params: string[]): string =>
    templateId === keys.sms.templateLogin
      ? `【${signName}】您的登录验证码为${params[0] ?? ''}，${params[1] ?? '5'}分钟内有效。如非本人操作，请忽略本短信。`
      : `【${signName}】[模板${templateId}] ${params.join(' / ')}`;

  const sendOne = (phone: string, body: z.infer<typeof SendSmsBody>, signName: string): Record<string, unknown> => {
    const normalised = normalisePhone(phone);
    const base = { PhoneNumber: normalised, SessionContext: body.SessionContext ?? '', IsoCode: 'CN' };
    if (!/^\+\d{6,15}$/.test(normalised)) {
      return { ...base, SerialNo: '', Fee: 0, Code: 'InvalidParameterValue.IncorrectPhoneNumber', Message: 'incorrect phone number' };
    }
    const params = body.TemplateParamSet ?? [];
    const record: SmsRecord = {
      serialNo: `2645:${randomDigits(31)}`,
      phone: normalised,
      templateId: body.TemplateId,
      params,
      signName,
      content: render(body.TemplateId, signName, params),
      sentAt: new Date().toISOString(),
    };
    state.sms.messages.push(record);
    return { ...base, SerialNo: record.serialNo, Fee: 1, Code: 'Ok', Message: 'send success' };
  };

  const sendSms = (req: SimRequest): SimReply => {
    if (header(req, 'x-tc-action') !== 'SendSms') return tcError('InvalidAction', 'The action requested was invalid');
    if (header(req, 'x-tc-version') !== '2021-01-11') return tcError('NoSuchVersion', 'The requested version does not exist');
    const denied = verifyTc3(req, keys.sms.secretId, keys.sms.secretKey);
    if (denied) return denied;
    const body = parseBody(SendSmsBody, req.text);
    if (!body) return tcError('InvalidParameter', 'The request body does not match SendSms');
    if (body.SmsSdkAppId !== keys.sms.sdkAppId) return tcError('UnauthorizedOperation.SmsSdkAppIdVerifyFail', 'SmsSdkAppId verify fail');
    const signName = body.SignName ?? '';
    if (signName !== keys.sms.signName) return tcError('FailedOperation.SignatureIncorrectOrUnapproved', 'signature incorrect or unapproved');
    const statuses = body.PhoneNumberSet.map((phone) => sendOne(phone, body, signName));
    return json(200, { Response: { SendStatusSet: statuses, RequestId: randomUUID() } });
  };

  const listMessages = (req: SimRequest): SimReply => {
    const phone = req.url.searchParams.get('phone');
    const wanted = phone ? normalisePhone(phone) : undefined;
    const messages = state.sms.messages.filter((m) => !wanted || m.phone === wanted).reverse();
    return json(200, { messages });
  };

  const clearMessages = (): SimReply => {
    const deleted = state.sms.messages.splice(0).length;
    return json(200, { ok: true, deleted });
  };

  return [
    { method: 'POST', path: '/', handler: sendSms },
    { method: 'GET', path: '/_sim/sms/messages', handler: listMessages },
    { method: 'DELETE', path: '/_sim/sms/messages', handler: clearMessages },
  ];
}
