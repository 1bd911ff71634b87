import { createServer } from 'node:net';
import { startDynamo, ensureTable } from '../../infra/local/dynamodb';

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/** Integration tests: a fresh in-memory DynamoDB Local on a free port, with the real table definition. */
export default async function globalSetup(): Promise<void> {
  const port = await freePort();
  const dynamo = await startDynamo(port);
  await ensureTable(dynamo.endpoint, 'wxshop-test');
  (globalThis as { __DYNAMO__?: typeof dynamo }).__DYNAMO__ = dynamo;
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.TABLE_NAME = 'wxshop-test';
}
