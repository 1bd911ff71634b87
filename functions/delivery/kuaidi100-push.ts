import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ExternalServiceError } from '../lib/adapters/config';
import { InvalidSignatureError, TRACKING_PUSH_ACK, parseTrackingPush } from '../lib/adapters/kuaidi100';
import { logger } from '../lib/logger';
import { recordTrackingPush } from './tracking';

/** A push holds every event of one waybill: far below this. */
const MAX_PUSH_BYTES = 256 * 1024;

const answer = (statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body),
});
const refuse = (statusCode: number, message: string) => answer(statusCode, { result: false, returnCode: String(statusCode), message });

/**
 * `POST /tracking/kuaidi100/push`: Kuaidi100's push callback (ADR 0048). A plain Lambda handler, not a
 * typed route of the API: the caller is Kuaidi100, the body is its form (`param=<json>&sign=<md5>`), the
 * proof is the MD5 sign over our salt rather than a bearer token, and the answer must be Kuaidi100's
 * acknowledgement (TRACKING_PUSH_ACK) or it retries. A forged or unparsable push changes nothing.
 */
export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const text = event.body ?? '';
  if (text.length > MAX_PUSH_BYTES) return refuse(413, 'push too large');
  const body = event.isBase64Encoded ? Buffer.from(text, 'base64').toString('utf8') : text;
  let update;
  try {
    update = parseTrackingPush(body);
  } catch (err) {
    if (err instanceof InvalidSignatureError) {
      logger.warn('tracking push with a wrong sign refused');
      return refuse(401, 'sign mismatch');
    }
    if (err instanceof ExternalServiceError) return refuse(400, 'bad push');
    throw err;
  }
  try {
    await recordTrackingPush(update);
  } catch (err) {
    // not acknowledged: Kuaidi100 pushes again
    logger.error('tracking push not stored', { err: String(err), trackingNo: update.trackingNo });
    return refuse(500, 'retry later');
  }
  return answer(200, TRACKING_PUSH_ACK);
};
