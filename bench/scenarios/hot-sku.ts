import { performance } from 'node:perf_hooks';
import { CreateTableCommand, DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { localDynamoClient } from '../../infra/local/dynamodb';
import { randomSourceIp, send } from '../../tests/attack/support/http';
import type { StackState } from '../../tests/attack/support/stack-state';
import { figure, repeat, type Figure } from '../lib/stats';

const SCENARIO = 'Hot SKU (N concurrent buyers, stock S; sold == S checked every run)';
const RUNS = Number(process.env.BENCH_HOT_RUNS ?? 3);
const BUYERS = Number(process.env.BENCH_HOT_BUYERS ?? 50);

const isConditionFailure = (err: unknown): boolean =>
  err instanceof Error && (err.name === 'ConditionalCheckFailedException' || err.name === 'TransactionCanceledException');

interface Sale {
  ordersPerSecond: number;
  sold: number;
}

/** Buyers take one each until the condition refuses them; then stock, sold and successes are compared. */
async function sellOut(doc: DynamoDBDocumentClient, table: string, stock: number, buyOne: (key: { PK: string; SK: string }) => Promise<void>): Promise<Sale> {
  const key = { PK: `SKU#${ulid()}`, SK: 'STOCK' };
  await doc.send(new PutCommand({ TableName: table, Item: { ...key, stock, sold: 0 } }));
  let successes = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: BUYERS }, async () => {
      for (;;) {
        try {
          await buyOne(key);
          successes += 1;
        } catch (err) {
          if (isConditionFailure(err)) return;
          throw err;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const after = (await doc.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item ?? {};
  if (after.sold !== stock || after.stock !== 0 || successes !== stock)
    throw new Error(`oversold or undersold: stock ${stock}, sold ${String(after.sold)}, left ${String(after.stock)}, ${successes} buyers told yes`);
  return { ordersPerSecond: stock / seconds, sold: successes };
}

/**
 * Storage level, on a scratch table in DynamoDB Local: one stock item, BUYERS concurrent buyers,
 * (a) a conditional UpdateItem decrement, (b) a TransactWriteItems of the decrement and an order item
 * (what checkout will do). The catalog's stock route is measured by `hotSkuThroughApi`.
 */
export async function hotSkuStorage(stack: StackState): Promise<Figure[]> {
  const client: DynamoDBClient = localDynamoClient(stack.env.DYNAMODB_ENDPOINT!);
  const doc = DynamoDBDocumentClient.from(client);
  const table = `wxshop-bench-hot-${Date.now()}`;
  await client.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'PK', AttributeType: 'S' },
        { AttributeName: 'SK', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
    }),
  );
  try {
    const decrement = (key: { PK: string; SK: string }) => ({
      TableName: table,
      Key: key,
      UpdateExpression: 'SET stock = stock - :one, sold = sold + :one',
      ConditionExpression: 'stock >= :one',
      ExpressionAttributeValues: { ':one': 1 },
    });
    const update = await repeat(RUNS, () => sellOut(doc, table, 300, async (key) => void (await doc.send(new UpdateCommand(decrement(key))))));
    const transact = await repeat(RUNS, () =>
      sellOut(doc, table, 150, async (key) => {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [{ Update: decrement(key) }, { Put: { TableName: table, Item: { PK: `ORDER#${ulid()}`, SK: 'ORDER', sku: key.PK } } }],
          }),
        );
      }),
    );
    return [
      figure(
        SCENARIO,
        'storage: conditional UpdateItem',
        'orders/s',
        update.map((s) => s.ordersPerSecond),
        'higher',
        `DynamoDB Local, ${BUYERS} buyers, S=300, sold == S every run`,
      ),
      figure(
        SCENARIO,
        'storage: TransactWriteItems (stock + order)',
        'orders/s',
        transact.map((s) => s.ordersPerSecond),
        'higher',
        `DynamoDB Local, ${BUYERS} buyers, S=150, sold == S every run`,
      ),
    ];
  } finally {
    await client.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
    client.destroy();
  }
}

/**
 * Through the API: BUYERS concurrent clients each POST a -1 stock adjustment (the catalog's stock
 * route: one posting per unit, in the same transaction as the SKU's stock) on one SKU with stock S,
 * until the API answers 422; sold (201s) must equal S and the SKU must end at 0. Until checkout
 * exists this is the merchant route, not an order.
 */
export async function hotSkuThroughApi(
  stack: StackState,
  ownerToken: string,
  newSku: (stock: number) => Promise<{ path: string; productPath: string }>,
): Promise<Figure[]> {
  const S = 60;
  const runs = await repeat(RUNS, async () => {
    const sku = await newSku(S);
    let sold = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: Math.min(BUYERS, 20) }, async () => {
        for (;;) {
          const reply = await send(
            stack.urls.api,
            { method: 'POST', path: sku.path, body: { delta: -1, note: 'bench hot sku' }, token: ownerToken },
            { sourceIp: randomSourceIp() },
          );
          if (reply.status === 201) sold += 1;
          else if (reply.status === 422) return;
          else throw new Error(`stock adjustment answered ${reply.status}: ${reply.text.slice(0, 200)}`);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const product = await send(stack.urls.api, { method: 'GET', path: sku.productPath, token: ownerToken });
    const left = (product.json as { skus?: { stock: number }[] }).skus?.[0]?.stock;
    if (sold !== S || left !== 0) throw new Error(`the stock route oversold or undersold: stock ${S}, ${sold} adjustments accepted, ${String(left)} left`);
    return S / seconds;
  });
  return [
    figure(
      SCENARIO,
      'API: POST .../skus/{id}/stock delta -1',
      'orders/s',
      runs,
      'higher',
      `${Math.min(BUYERS, 20)} clients, S=${S}, sold == S every run (merchant stock route until checkout exists)`,
    ),
  ];
}
