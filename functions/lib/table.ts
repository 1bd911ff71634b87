import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { env, envOr } from './config';

let client: DynamoDBDocumentClient | undefined;
let calls = 0;

/**
 * The one DynamoDB document client. Locally DYNAMODB_ENDPOINT points at DynamoDB Local.
 * An SDK middleware counts calls so benchmarks can report DynamoDB calls per request.
 */
export function db(): DynamoDBDocumentClient {
  if (!client) {
    const endpoint = process.env.DYNAMODB_ENDPOINT;
    const base = new DynamoDBClient({
      region: envOr('AWS_REGION', 'ap-east-1'),
      ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
      maxAttempts: 4,
    });
    base.middlewareStack.add(
      (next) => async (args) => {
        calls += 1;
        return next(args);
      },
      { step: 'initialize', name: 'countDynamoCalls' },
    );
    client = DynamoDBDocumentClient.from(base, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
  }
  return client;
}

export const tableName = (): string => env('TABLE_NAME');

/** DynamoDB calls made by this process so far (for benchmarks and tests). */
export const dynamoCallCount = (): number => calls;

/** Closes the client's sockets (tests and scripts that must exit). */
export function closeDb(): void {
  client?.destroy();
  client = undefined;
}
