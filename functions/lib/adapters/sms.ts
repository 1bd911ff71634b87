/**
 * Tencent Cloud SMS, API 3.0 (https://sms.tencentcloudapi.com), action SendSms, version 2021-01-11,
 * signed with TC3-HMAC-SHA256.
 */
import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';
import { ExternalServiceError, callUpstream, smsConfig } from './config';

/** Tencent Cloud refused the call (`AuthFailure.SignatureFailure`, ...) or the message (`LimitExceeded...`). */
export class SmsError extends ExternalServiceError {
  override name = 'SmsError';
  constructor(code: string, message: string) {
    super('sms', code, message);
  }
}

const SERVICE = 'sms';
const ACTION = 'SendSms';
const VERSION = '2021-01-11';
const CONTENT_TYPE = 'application/json; charset=utf-8';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const hmacSha256 = (key: string | Buffer, text: string): Buffer => createHmac('sha256', key).update(text, 'utf8').digest();

/**
 * TC3-HMAC-SHA256 `Authorization` for a POST with a JSON payload, signing content-type and host.
 * @param host exactly the Host header the request will carry (with the port, if any)
 */
function tc3Authorization(input: { host: string; path: string; payload: string; timestamp: number }): string {
  const { secretId, secretKey } = smsConfig();
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host';
  const canonicalRequest = [
    'POST',
    input.path,
    '',
    `content-type:${CONTENT_TYPE}\nhost:${input.host.toLowerCase()}\n`,
    signedHeaders,
    sha256(input.payload),
  ].join('\n');
  const scope = `${date}/${SERVICE}/tc3_request`;
  const stringToSign = `TC3-HMAC-SHA256\n${input.timestamp}\n${scope}\n${sha256(canonicalRequest)}`;
  const secretDate = hmacSha256(`TC3${secretKey}`, date);
  const secretSigning = hmacSha256(hmacSha256(secretDate, SERVICE), 'tc3_request');
  const signature = createHmac('sha256', secretSigning).update(stringToSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

const SendSmsAnswer = z.object({
  Response: z.object({
    Error: z.object({ Code: z.string(), Message: z.string() }).optional(),
    SendStatusSet: z.array(z.object({ SerialNo: z.string(), PhoneNumber: z.string(), Code: z.string(), Message: z.string() })).optional(),
    RequestId: z.string(),
  }),
});

/** E.164: mainland numbers may be given as 11 digits. */
const e164 = (phone: string): string => (/^1\d{10}$/.test(phone) ? `+86${phone}` : phone);

export interface SendSmsInput {
  /** `+8613800000000` (11-digit mainland numbers get +86). */
  phone: string;
  templateId: string;
  /** Values of the template's {1}, {2}, ... in order. */
  params: string[];
}

/**
 * Sends one templated SMS with the configured SDK app and sign name.
 * @returns the provider's serial number of the message
 * @throws SmsError with the provider's code (e.g. AuthFailure.SignatureFailure, LimitExceeded.PhoneNumberDailyLimit)
 */
export async function sendSms(input: SendSmsInput): Promise<{ serialNo: string }> {
  const config = smsConfig();
  const url = new URL(`${config.apiBase}/`);
  const payload = JSON.stringify({
    PhoneNumberSet: [e164(input.phone)],
    SmsSdkAppId: config.sdkAppId,
    SignName: config.signName,
    TemplateId: input.templateId,
    TemplateParamSet: input.params,
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await callUpstream('sms', url, {
    method: 'POST',
    headers: {
      authorization: tc3Authorization({ host: url.host, path: url.pathname, payload, timestamp }),
      'content-type': CONTENT_TYPE,
      'x-tc-action': ACTION,
      'x-tc-version': VERSION,
      'x-tc-timestamp': String(timestamp),
      'x-tc-region': config.region,
    },
    body: payload,
  });
  const parsed = SendSmsAnswer.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new SmsError(`HTTP_${response.status}`, 'unexpected answer from SendSms');
  const { Error: error, SendStatusSet: statuses = [] } = parsed.data.Response;
  if (error) throw new SmsError(error.Code, error.Message);
  const status = statuses[0];
  if (!status) throw new SmsError('EmptyResponse', 'SendSms returned no status');
  if (status.Code !== 'Ok') throw new SmsError(status.Code, status.Message);
  return { serialNo: status.SerialNo };
}

/** Sends the login verification code with the SMS_TEMPLATE_LOGIN template ({1} code, {2} minutes). */
export async function sendLoginCode(input: { phone: string; code: string; ttlMinutes: number }): Promise<{ serialNo: string }> {
  return sendSms({ phone: input.phone, templateId: smsConfig().templateLogin, params: [input.code, String(input.ttlMinutes)] });
}
