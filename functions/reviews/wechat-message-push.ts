import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ExternalServiceError, InvalidSignatureError } from '../lib/adapters/config';
import { parseMediaCheckPush, verifyPush } from '../lib/adapters/wechat-push';
import { logger } from '../lib/logger';
import { UnknownMediaCheck, applyMediaVerdict } from './reviews';

/** A push is one event: far below this. */
const MAX_PUSH_BYTES = 64 * 1024;

const text = (statusCode: number, body: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body,
});

/**
 * `GET|POST /wechat/message-push`: WeChat's message push (ADR 0057). A plain Lambda handler, not a
 * typed route: the caller is WeChat, the proof is the SHA1 signature over our push token in the query,
 * and the answer must be `success` (or the `echostr` of the URL check) or WeChat pushes again.
 * A forged push changes nothing (401); a duplicated verdict is applied once; a verdict of a check not
 * recorded yet is not acknowledged, so it comes again.
 */
export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const query = event.queryStringParameters ?? {};
  try {
    verifyPush(query);
  } catch (err) {
    if (err instanceof InvalidSignatureError) {
      logger.warn('message push with a bad signature refused', { reason: err.message });
      return text(401, 'signature mismatch');
    }
    throw err;
  }
  if (event.requestContext.http.method === 'GET') return text(200, query.echostr ?? '');
  const raw = event.body ?? '';
  if (raw.length > MAX_PUSH_BYTES) return text(413, 'push too large');
  const body = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  let verdict;
  try {
    verdict = parseMediaCheckPush(body);
  } catch (err) {
    if (err instanceof ExternalServiceError) return text(400, 'bad push');
    throw err;
  }
  if (!verdict) return text(200, 'success');
  try {
    await applyMediaVerdict(verdict.traceId, verdict.suggest, verdict.label);
  } catch (err) {
    if (err instanceof UnknownMediaCheck) {
      logger.warn('media verdict for an unknown trace id', { traceId: verdict.traceId });
      return text(404, 'unknown trace_id');
    }
    logger.error('media verdict not stored', { err: String(err), traceId: verdict.traceId });
    return text(500, 'retry later');
  }
  return text(200, 'success');
};
