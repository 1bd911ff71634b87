import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { logger } from '../lib/logger';
import { acceptRefundNotification } from './refund-notifications';

/**
 * `POST /payments/wechatpay/refund-notify`: a plain Lambda handler like the payment webhook (WeChat Pay
 * signs the exact raw body; its caller is WeChat Pay, not a user).
 */
export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const body = event.body === undefined ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  const headers = { 'Content-Type': 'application/json; charset=utf-8' };
  try {
    const answer = await acceptRefundNotification(event.headers ?? {}, body);
    return { statusCode: answer.status, headers, body: answer.body };
  } catch (err) {
    logger.error('refund notification failed', { err: String(err) });
    return { statusCode: 500, headers, body: JSON.stringify({ code: 'FAIL', message: '系统繁忙' }) };
  }
};
