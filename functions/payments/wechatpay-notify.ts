import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { logger } from '../lib/logger';
import { acceptWechatpayNotification } from './notifications';

/**
 * `POST /payments/wechatpay/notify`: a plain Lambda handler, not a typed route. WeChat Pay signs the exact
 * raw body (the signature is checked over the bytes as sent), answers are WeChat's own shapes (204, or
 * `{ code: 'FAIL', message }`), and the caller is WeChat Pay, not a user: no session, no JSON schema.
 */
export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const body = event.body === undefined ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    const answer = await acceptWechatpayNotification(event.headers ?? {}, body);
    return { statusCode: answer.status, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: answer.body };
  } catch (err) {
    logger.error('wechatpay notification failed', { err: String(err) });
    return { statusCode: 500, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify({ code: 'FAIL', message: '系统繁忙' }) };
  }
};
