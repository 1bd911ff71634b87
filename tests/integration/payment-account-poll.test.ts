/**
 * ADR 0054: the scheduled poll moves WeChat Pay applications on without the owner watching. Against
 * DynamoDB Local and the WeChat Pay simulator: the simulator advances an application, one poll stores the
 * new state (and tells the owner in the merchant inbox when it needs them), a second poll changes nothing;
 * FINISH gives the store its sub-merchant id once and takes the application out of the poll (AP95).
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PaymentAccount } from '@wxshop/shared/payment-accounts';
import type { InboxMessage } from '@wxshop/shared/merchants';
import { withSimulators } from '../support/integration-env';
import type { Simulators } from '../../infra/local/sims';
import { invoke } from '../support/lambda';
import { db, tableName } from '../../functions/lib/table';
import { INDEX, keys } from '../../functions/lib/keys';
import { resetAdapterConfig } from '../../functions/lib/adapters/config';
import { handler as poll } from '../../functions/payment-accounts/poll-payment-applyments';
import { handler as getAccountRoute } from '../../functions/payment-accounts/get-payment-account';
import { handler as submitApplymentRoute } from '../../functions/payment-accounts/submit-payment-applyment';
import { handler as listMerchantInboxRoute } from '../../functions/merchants/list-merchant-inbox';
import { merchantWithOwner } from './catalog-fixtures';

jest.setTimeout(120_000);

let sims: Simulators;

beforeAll(async () => {
  sims = await withSimulators();
  resetAdapterConfig();
});

afterAll(async () => {
  await sims.close();
});

const application = { organizationType: '2401', merchantShortname: '轮询小店', contact: { name: '李四', mobile: '13800138001' } };

const advance = async (outRequestNo: string, body: unknown = {}) => {
  const res = await fetch(`${sims.baseUrl}/_sim/wechatpay/applyments/${outRequestNo}/advance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBeLessThan(300);
};

/** The stored application item, raw (with or without its AP95 keys). */
const stored = async (merchantId: string) =>
  (await db().send(new GetCommand({ TableName: tableName(), Key: keys.paymentAccount(merchantId), ConsistentRead: true }))).Item!;

const storeSubMchid = async (merchantId: string) =>
  (await db().send(new GetCommand({ TableName: tableName(), Key: keys.merchant(merchantId), ConsistentRead: true }))).Item!.subMchid as string | undefined;

/** AP95 lists the store's application (the poll's index). */
async function listedOpen(merchantId: string): Promise<boolean> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: INDEX.byStatus,
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.openApplymentsIndex().GSI2PK },
    }),
  );
  return (out.Items ?? []).some((i) => i.merchantId === merchantId);
}

/** One scheduled run: what it moved for this store (other test files' stores may be in the index too). */
async function pollFor(merchantId: string) {
  const result = await poll();
  return result.moved.filter((m) => m.merchantId === merchantId);
}

async function ownerSetup(name: string) {
  const { merchantId, owner } = await merchantWithOwner(name);
  const token = await owner.token();
  const submitted = await invoke<PaymentAccount>(submitApplymentRoute, { token, params: { merchantId }, body: application });
  expect(submitted.status).toBe(201);
  const inbox = async () =>
    (await invoke<{ items: InboxMessage[] }>(listMerchantInboxRoute, { method: 'GET', token, params: { merchantId } })).body.items.filter(
      (m) => m.kind === 'payment_account',
    );
  return { merchantId, token, no: submitted.body.application!.outRequestNo, inbox };
}

describe('the scheduled applyment poll (AP95)', () => {
  it('moves each advance on once, tells the owner the states that need them, and FINISH lets the store sell', async () => {
    const { merchantId, token, no, inbox } = await ownerSetup('Poll');
    expect(await listedOpen(merchantId)).toBe(true);

    // nothing changed at WeChat Pay: the poll asks and moves nothing; once it has WeChat's words for the
    // state (stateDesc), asking again writes nothing (the item exactly as it was)
    expect(await pollFor(merchantId)).toEqual([]);
    const asked = await stored(merchantId);
    expect(await pollFor(merchantId)).toEqual([]);
    expect(await pollFor(merchantId)).toEqual([]);
    expect(await stored(merchantId)).toEqual(asked);
    expect(asked.state).toBe('CHECKING');

    await advance(no); // -> ACCOUNT_NEED_VERIFY
    expect(await pollFor(merchantId)).toEqual([{ merchantId, state: 'ACCOUNT_NEED_VERIFY' }]);
    expect(await pollFor(merchantId)).toEqual([]);
    expect(await inbox()).toEqual([expect.objectContaining({ kind: 'payment_account', data: expect.objectContaining({ state: 'ACCOUNT_NEED_VERIFY' }) })]);

    await advance(no); // -> AUDITING: stored, the owner is not disturbed (nothing to do)
    expect(await pollFor(merchantId)).toEqual([{ merchantId, state: 'AUDITING' }]);
    expect(await inbox()).toHaveLength(1);

    await advance(no); // -> NEED_SIGN
    expect(await pollFor(merchantId)).toEqual([{ merchantId, state: 'NEED_SIGN' }]);
    expect(await pollFor(merchantId)).toEqual([]);
    expect((await inbox()).map((m) => m.data?.state)).toEqual(['NEED_SIGN', 'ACCOUNT_NEED_VERIFY']);

    // the owner signs on WeChat Pay's page (sim: -> FINISH) but never opens our status page again
    const signUrl = (await stored(merchantId)).signUrl as string;
    expect(await (await fetch(signUrl, { method: 'POST' })).text()).toContain('签约成功');
    expect(await storeSubMchid(merchantId)).toBeUndefined();
    expect(await pollFor(merchantId)).toEqual([{ merchantId, state: 'FINISH' }]);
    const subMchid = await storeSubMchid(merchantId);
    expect(subMchid).toMatch(/^16\d{8}$/);
    expect((await stored(merchantId)).subMchid).toBe(subMchid);
    expect((await inbox()).map((m) => m.data?.state)).toEqual(['FINISH', 'NEED_SIGN', 'ACCOUNT_NEED_VERIFY']);

    // final: out of the index; a second poll asks nothing and changes nothing
    expect(await listedOpen(merchantId)).toBe(false);
    const before = await stored(merchantId);
    expect(await pollFor(merchantId)).toEqual([]);
    expect(await stored(merchantId)).toEqual(before);
    expect(await inbox()).toHaveLength(3);

    // the page agrees, and reading it writes no second message
    const page = (await invoke<PaymentAccount>(getAccountRoute, { method: 'GET', token, params: { merchantId } })).body;
    expect(page).toMatchObject({ canSell: true, subMchid, nextStep: 'done', application: { state: 'FINISH' } });
    expect(await inbox()).toHaveLength(3);
  });

  it('whoever sees a change first (page or poll) stores it and tells the owner; the other changes nothing', async () => {
    const { merchantId, token, no, inbox } = await ownerSetup('Poll race');
    await advance(no, { to: 'REJECTED', reasons: [{ param_name: 'contact_name', reject_reason: '联系人姓名与证件不符' }] });
    // the owner's page read sees it first
    const page = (await invoke<PaymentAccount>(getAccountRoute, { method: 'GET', token, params: { merchantId } })).body;
    expect(page.application).toMatchObject({ state: 'REJECTED' });
    expect(await pollFor(merchantId)).toEqual([]);
    const messages = await inbox();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ data: { state: 'REJECTED' }, reason: expect.stringContaining('联系人姓名与证件不符') });
    expect(await listedOpen(merchantId)).toBe(false);

    // a new attempt is polled again
    const second = await invoke<PaymentAccount>(submitApplymentRoute, { token, params: { merchantId }, body: application });
    expect(second.status).toBe(201);
    expect(await listedOpen(merchantId)).toBe(true);
  });

  it('a WeChat Pay outage leaves the application as it was, to be asked again next run', async () => {
    const { merchantId, no } = await ownerSetup('Poll outage');
    await advance(no);
    const base = process.env.WECHATPAY_API_BASE;
    process.env.WECHATPAY_API_BASE = 'http://127.0.0.1:9';
    resetAdapterConfig();
    try {
      expect(await pollFor(merchantId)).toEqual([]);
    } finally {
      process.env.WECHATPAY_API_BASE = base;
      resetAdapterConfig();
    }
    expect((await stored(merchantId)).state).toBe('CHECKING');
    expect(await pollFor(merchantId)).toEqual([{ merchantId, state: 'ACCOUNT_NEED_VERIFY' }]);
  });
});
