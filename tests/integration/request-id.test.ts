import '../support/integration-env';
import { invoke } from '../support/lambda';
import { handler as getMe } from '../../functions/me/get-me';
import { handler as updateMe } from '../../functions/me/update-me';

interface ErrorReply {
  error: { code: string; requestId: string };
}

/** serverless-offline puts this in requestContext.requestId of every request. */
const OFFLINE_PLACEHOLDER = 'offlineContext_resourceId';

describe('every request has its own requestId', () => {
  it('gives two requests different ids when the platform sends the same placeholder', async () => {
    const [a, b] = await Promise.all([
      invoke<ErrorReply>(getMe, { method: 'GET', requestId: OFFLINE_PLACEHOLDER }),
      invoke<ErrorReply>(updateMe, { method: 'POST', raw: '{"nickname":', requestId: OFFLINE_PLACEHOLDER }),
    ]);
    expect([a.status, b.status]).toEqual([401, 400]);
    expect(a.body.error.requestId).not.toBe(OFFLINE_PLACEHOLDER);
    expect(b.body.error.requestId).not.toBe(OFFLINE_PLACEHOLDER);
    expect(a.body.error.requestId).not.toBe(b.body.error.requestId);
    // The header and the body name the same id, so a shopper's screenshot finds the log line.
    expect(a.headers['X-Request-Id']).toBe(a.body.error.requestId);
    expect(b.headers['X-Request-Id']).toBe(b.body.error.requestId);
  });

  it('gives ten sequential calls of one function ten ids', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 10; i += 1) ids.add((await invoke<ErrorReply>(getMe, { method: 'GET', requestId: OFFLINE_PLACEHOLDER })).body.error.requestId);
    expect(ids.size).toBe(10);
  });

  it("keeps API Gateway's own id when it is a real one", async () => {
    const res = await invoke<ErrorReply>(getMe, { method: 'GET', requestId: 'JVxg3hJ6oAMEV2Q=' });
    expect(res.body.error.requestId).toBe('JVxg3hJ6oAMEV2Q=');
    expect(res.headers['X-Request-Id']).toBe('JVxg3hJ6oAMEV2Q=');
  });
});
