import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { withSimulators } from '../support/integration-env';
import type { Simulators } from '../../infra/local/sims';
import { db, tableName } from '../../functions/lib/table';
import { keys } from '../../functions/lib/keys';
import { bindIdentity } from '../../functions/identity/accounts';
import { setMerchantStatus } from '../../functions/merchants/store';
import { approveProduct, createProduct, getMerchantProduct, submitProduct } from '../../functions/catalog/products';
import { adjustStock } from '../../functions/catalog/stock';
import { handler as notifyLowStock } from '../../functions/catalog/notify-low-stock';
import { handler as syncStoreSelling } from '../../functions/catalog/sync-store-selling';
import { categories, content, merchantWithOwner } from './catalog-fixtures';

// the machine may be busy (DynamoDB Local, simulators): give hooks and tests room
jest.setTimeout(60_000);

let sims: Simulators;
let leafId: string;
beforeAll(async () => {
  sims = await withSimulators();
  ({ leafId } = await categories());
});
afterAll(() => sims.close());

const record = (
  eventName: 'INSERT' | 'MODIFY',
  newImage: Record<string, unknown>,
  oldImage?: Record<string, unknown>,
  seq = `${Date.now()}${Math.random()}`,
): DynamoDBRecord => ({
  eventID: `ev-${seq}`,
  eventName,
  dynamodb: {
    SequenceNumber: seq,
    NewImage: marshall(newImage, { removeUndefinedValues: true }) as never,
    ...(oldImage ? { OldImage: marshall(oldImage, { removeUndefinedValues: true }) as never } : {}),
  },
});

async function postingItem(skuId: string, postingId: string): Promise<Record<string, unknown>> {
  return (await db().send(new GetCommand({ TableName: tableName(), Key: keys.stockPosting(skuId, postingId) }))).Item!;
}

async function inbox(merchantId: string) {
  const p = keys.merchantInboxPrefix(merchantId);
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': p.PK, ':p': p.SKPrefix },
    }),
  );
  return (out.Items ?? []).filter((i) => i.kind === 'low_stock');
}

describe('low-stock notices', () => {
  it('are recorded once, with one SMS and one WeChat message to the owner, even when the stream event is redelivered', async () => {
    const { merchantId, owner } = await merchantWithOwner('Low stock');
    const openid = `o-low-${Date.now()}`;
    await bindIdentity(owner.id, { provider: 'wechat', subject: openid, display: 'WeChat' });
    const p = await createProduct(merchantId, content(merchantId, leafId), owner.id);
    const sku = p.skus.find((s) => s.lowStockThreshold === 3)!;
    const above = await adjustStock(sku.id, -6, 'order', 'low-1', 'system'); // 10 -> 4: still >= 3
    const crossing = await adjustStock(sku.id, -2, 'order', 'low-2', 'system'); // 4 -> 2: crosses
    const below = await adjustStock(sku.id, -1, 'order', 'low-3', 'system'); // 2 -> 1: already below
    const events = [above, crossing, below].map(async (posting) => record('INSERT', await postingItem(sku.id, posting.id)));
    const event = { Records: await Promise.all(events) } as DynamoDBStreamEvent;

    expect(await notifyLowStock(event)).toEqual({ batchItemFailures: [] });
    expect(await notifyLowStock(event)).toEqual({ batchItemFailures: [] });

    const messages = await inbox(merchantId);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ id: crossing.id, kind: 'low_stock', sms: 'sent', wechat: 'sent', data: { skuId: sku.id, stock: '2', threshold: '3' } });
    expect(sims.state.sms.messages.filter((m) => m.phone === owner.phone)).toHaveLength(1);
    expect(sims.state.sms.messages.find((m) => m.phone === owner.phone)?.params).toEqual(['纯棉T恤', sku.code, '2']);
    expect(sims.state.wechat.messages.filter((m) => m.touser === openid)).toHaveLength(1);
  });

  it('are not sent when no posting crosses the threshold (threshold 0 never fires)', async () => {
    const { merchantId, owner } = await merchantWithOwner('No alert');
    const p = await createProduct(merchantId, content(merchantId, leafId), owner.id);
    const noThreshold = p.skus.find((s) => s.lowStockThreshold === 0)!;
    const posting = await adjustStock(noThreshold.id, -10, 'order', 'zero', 'system');
    expect(await notifyLowStock({ Records: [record('INSERT', await postingItem(noThreshold.id, posting.id))] } as DynamoDBStreamEvent)).toEqual({
      batchItemFailures: [],
    });
    expect(await inbox(merchantId)).toHaveLength(0);
    expect(sims.state.sms.messages.filter((m) => m.phone === owner.phone)).toHaveLength(0);
  });
});

describe("a store's status", () => {
  it('takes its products off sale while suspended (not purchasable) and back on when reopened', async () => {
    const { merchantId, owner } = await merchantWithOwner('Suspended');
    const p = await createProduct(merchantId, content(merchantId, leafId), owner.id);
    await submitProduct(merchantId, p.id);
    await approveProduct(p.id);
    const merchantItem = async () => (await db().send(new GetCommand({ TableName: tableName(), Key: keys.merchant(merchantId) }))).Item!;

    const open = await merchantItem();
    await setMerchantStatus(merchantId, 'suspended', 'fake goods complaint');
    const suspended = await merchantItem();
    expect(await syncStoreSelling({ Records: [record('MODIFY', suspended, open)] } as DynamoDBStreamEvent)).toEqual({ batchItemFailures: [] });
    expect(await getMerchantProduct(merchantId, p.id)).toMatchObject({ status: 'approved', onSale: false });

    // redelivery changes nothing
    expect(await syncStoreSelling({ Records: [record('MODIFY', suspended, open)] } as DynamoDBStreamEvent)).toEqual({ batchItemFailures: [] });
    expect((await getMerchantProduct(merchantId, p.id)).onSale).toBe(false);

    await setMerchantStatus(merchantId, 'warned', 'last warning');
    await syncStoreSelling({ Records: [record('MODIFY', await merchantItem(), suspended)] } as DynamoDBStreamEvent);
    expect((await getMerchantProduct(merchantId, p.id)).onSale).toBe(true);
  });

  it('keeps a product approved in a suspended store off sale', async () => {
    const { merchantId, owner } = await merchantWithOwner('Suspended before');
    const p = await createProduct(merchantId, content(merchantId, leafId), owner.id);
    await submitProduct(merchantId, p.id);
    await setMerchantStatus(merchantId, 'suspended', 'audit');
    await expect(approveProduct(p.id)).resolves.toMatchObject({ status: 'approved', onSale: false });
  });
});
