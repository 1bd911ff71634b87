import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { InviteOutcome, PendingInvite, StaffMember } from '@wxshop/shared';
import { lastCode, withSimulators } from '../support/integration-env';
import { invoke } from '../support/lambda';
import type { Simulators } from '../../infra/local/sims';
import { db, tableName } from '../../functions/lib/table';
import { INDEX, keys } from '../../functions/lib/keys';
import { getAccount } from '../../functions/identity/accounts';
import { createMerchant, getMerchant, listUserMerchants } from '../../functions/merchants/merchants';
import { acceptStaffInvites, inviteStaff as inviteStaffService } from '../../functions/merchants/staff';
import { handler as listStaff } from '../../functions/merchants/list-merchant-staff';
import { handler as invite } from '../../functions/merchants/invite-merchant-staff';
import { handler as changeRole } from '../../functions/merchants/change-staff-role';
import { handler as removeStaff } from '../../functions/merchants/remove-merchant-staff';
import { handler as cancelInvite } from '../../functions/merchants/cancel-staff-invite';
import { handler as dashboard } from '../../functions/merchants/get-merchant-dashboard';
import { handler as sendSms } from '../../functions/identity/send-sms-code';
import { handler as loginSms } from '../../functions/identity/login-sms';
import { account, digestOf, storeName, type TestAccount, freshPhone } from './merchants-support';

jest.setTimeout(30_000);

let sims: Simulators;
let ownerA: TestAccount;
let ownerB: TestAccount;
let merchantA: string;
let merchantB: string;

beforeAll(async () => {
  sims = await withSimulators();
  [ownerA, ownerB] = await Promise.all([account('ownerA'), account('ownerB')]);
  merchantA = (await createMerchant({ name: storeName('Staff A'), ownerId: ownerA.id })).id;
  merchantB = (await createMerchant({ name: storeName('Staff B'), ownerId: ownerB.id })).id;
});
afterAll(() => sims.close());

async function smsSignIn(phone: string) {
  await invoke(sendSms, { body: { phone, purpose: 'login' } });
  return invoke<{ accessToken: string; profile: { id: string; roles: { merchants?: Record<string, string> } } }>(loginSms, {
    body: { phone, code: lastCode(sims, phone) },
  });
}

describe('inviting staff', () => {
  it('adds an existing account at once, by phone or by id, and keeps the staff item and the account role in step', async () => {
    const byPhone = await account('by-phone');
    const byId = await account('by-id');
    const token = await ownerA.token();

    const a = await invoke<InviteOutcome>(invite, { params: { merchantId: merchantA }, body: { phone: byPhone.phone, role: 'customer_service' }, token });
    const b = await invoke<InviteOutcome>(invite, { params: { merchantId: merchantA }, body: { userId: byId.id, role: 'operator' }, token });

    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body).toMatchObject({ outcome: 'added', staff: { userId: byPhone.id, role: 'customer_service' } });
    expect(b.body).toMatchObject({ outcome: 'added', staff: { userId: byId.id, role: 'operator' } });
    expect((await getAccount(byPhone.id)).user.roles.merchants).toEqual({ [merchantA]: 'customer_service' });
    expect(await listUserMerchants(byId.id)).toEqual([expect.objectContaining({ id: merchantA, role: 'operator' })]);
    const dash = await invoke<{ merchant: { role: string } }>(dashboard, { method: 'GET', params: { merchantId: merchantA }, token: await byId.token() });
    expect(dash.body.merchant.role).toBe('operator');
  });

  it('refuses an account that is staff already (409) and an unknown account id (404)', async () => {
    const token = await ownerA.token();
    expect((await invoke(invite, { params: { merchantId: merchantA }, body: { userId: ownerA.id, role: 'operator' }, token })).status).toBe(409);
    expect((await invoke(invite, { params: { merchantId: merchantA }, body: { userId: '01HZZZZZZZZZZZZZZZZZZZZZZZ', role: 'operator' }, token })).status).toBe(
      404,
    );
  });

  it('refuses the owner role, both phone and id, and client-sent merchantId or status (400), writing nothing', async () => {
    const token = await ownerA.token();
    const phone = freshPhone();
    const before = await digestOf(merchantA, phone);
    for (const body of [
      { phone, role: 'owner' },
      { phone, userId: ownerB.id, role: 'operator' },
      { phone, role: 'operator', merchantId: merchantB },
      { phone, role: 'operator', status: 'open' },
      { phone, role: 'operator', ownerId: ownerB.id },
    ])
      expect((await invoke(invite, { params: { merchantId: merchantA }, body, token })).status).toBe(400);
    expect(await digestOf(merchantA, phone)).toBe(before);
  });

  it('replays an invite sent twice with one Idempotency-Key', async () => {
    const phone = freshPhone();
    const token = await ownerA.token();
    const req = { params: { merchantId: merchantA }, body: { phone, role: 'operator' }, token, headers: { 'Idempotency-Key': `inv-${phone.slice(1)}` } };
    const first = await invoke(invite, req);
    const second = await invoke(invite, req);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers['Idempotent-Replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
  });

  it('turns the invites of a new phone into memberships of every inviting store at its SMS sign-up', async () => {
    const phone = freshPhone();
    await invoke(invite, { params: { merchantId: merchantA }, body: { phone, role: 'operator' }, token: await ownerA.token() });
    await invoke(invite, { params: { merchantId: merchantB }, body: { phone, role: 'customer_service' }, token: await ownerB.token() });

    const login = await smsSignIn(phone);

    expect(login.status).toBe(200);
    expect(login.body.profile.roles.merchants).toEqual({ [merchantA]: 'operator', [merchantB]: 'customer_service' });
    const list = await invoke<{ invites: PendingInvite[] }>(listStaff, { method: 'GET', params: { merchantId: merchantA }, token: await ownerA.token() });
    expect(list.body.invites.map((i) => i.phone)).not.toContain(phone);
    // a second sign-in finds nothing left to accept
    expect(await acceptStaffInvites(login.body.profile.id, phone)).toBe(0);
  });

  it("lets only the owner invite: an operator gets 403, another store's owner 404, a shopper 403", async () => {
    const operator = await account('op');
    await inviteStaffService(merchantA, { userId: operator.id, role: 'operator' }, ownerA.id);
    const shopper = await account('shopper');
    const body = { phone: freshPhone(), role: 'operator' };
    expect((await invoke(invite, { params: { merchantId: merchantA }, body, token: await operator.token() })).status).toBe(403);
    expect((await invoke(invite, { params: { merchantId: merchantA }, body, token: await ownerB.token() })).status).toBe(404);
    expect((await invoke(invite, { params: { merchantId: merchantA }, body, token: await shopper.token() })).status).toBe(403);
    expect((await invoke(listStaff, { method: 'GET', params: { merchantId: merchantA }, token: await shopper.token() })).status).toBe(403);
  });
});

describe('managing staff', () => {
  it('changes a role and removes a member; both take effect on the next call', async () => {
    const member = await account('member');
    await inviteStaffService(merchantA, { userId: member.id, role: 'customer_service' }, ownerA.id);
    const memberToken = await member.token();
    const token = await ownerA.token();

    const changed = await invoke<StaffMember>(changeRole, {
      method: 'PUT',
      params: { merchantId: merchantA, userId: member.id },
      body: { role: 'operator' },
      token,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.role).toBe('operator');
    expect((await getAccount(member.id)).user.roles.merchants).toEqual({ [merchantA]: 'operator' });
    expect((await invoke(listStaff, { method: 'GET', params: { merchantId: merchantA }, token: memberToken })).status).toBe(200);

    const removed = await invoke(removeStaff, { method: 'DELETE', params: { merchantId: merchantA, userId: member.id }, token });
    expect(removed.status).toBe(200);
    expect((await getAccount(member.id)).user.roles.merchants).toEqual({});
    expect(await listUserMerchants(member.id)).toEqual([]);
    expect((await invoke(dashboard, { method: 'GET', params: { merchantId: merchantA }, token: memberToken })).status).toBe(403);
  });

  it('never changes or removes the owner (409)', async () => {
    const token = await ownerA.token();
    expect((await invoke(changeRole, { method: 'PUT', params: { merchantId: merchantA, userId: ownerA.id }, body: { role: 'operator' }, token })).status).toBe(
      409,
    );
    expect((await invoke(removeStaff, { method: 'DELETE', params: { merchantId: merchantA, userId: ownerA.id }, token })).status).toBe(409);
    expect((await getAccount(ownerA.id)).user.roles.merchants?.[merchantA]).toBe('owner');
  });

  it("answers 404 to staff of store A reaching store B's staff, and for B's staff named under A", async () => {
    const memberB = await account('memberB');
    await inviteStaffService(merchantB, { userId: memberB.id, role: 'operator' }, ownerB.id);
    const tokenA = await ownerA.token();
    expect((await invoke(listStaff, { method: 'GET', params: { merchantId: merchantB }, token: tokenA })).status).toBe(404);
    expect(
      (await invoke(changeRole, { method: 'PUT', params: { merchantId: merchantB, userId: memberB.id }, body: { role: 'customer_service' }, token: tokenA }))
        .status,
    ).toBe(404);
    expect((await invoke(removeStaff, { method: 'DELETE', params: { merchantId: merchantB, userId: memberB.id }, token: tokenA })).status).toBe(404);
    // B's staff member named under A's store: not A's staff
    expect((await invoke(removeStaff, { method: 'DELETE', params: { merchantId: merchantA, userId: memberB.id }, token: tokenA })).status).toBe(404);
    expect((await getAccount(memberB.id)).user.roles.merchants).toEqual({ [merchantB]: 'operator' });
  });

  it('lists staff (owner first, with a masked login) and live invites, and cancels an invite', async () => {
    const phone = freshPhone();
    const token = await ownerB.token();
    await invoke(invite, { params: { merchantId: merchantB }, body: { phone, role: 'customer_service' }, token });
    const list = await invoke<{ staff: StaffMember[]; invites: PendingInvite[] }>(listStaff, { method: 'GET', params: { merchantId: merchantB }, token });
    expect(list.body.staff[0]).toMatchObject({ userId: ownerB.id, role: 'owner' });
    expect(list.body.invites).toContainEqual(expect.objectContaining({ phone, role: 'customer_service', invitedBy: ownerB.id }));
    expect((await invoke(cancelInvite, { method: 'DELETE', params: { merchantId: merchantB, phone }, token })).status).toBe(200);
    expect((await invoke(cancelInvite, { method: 'DELETE', params: { merchantId: merchantB, phone }, token })).status).toBe(404);
    const login = await smsSignIn(phone);
    expect(login.body.profile.roles.merchants ?? {}).toEqual({});
  });

  it('keeps the staff count on the merchant in step with its staff items', async () => {
    const owner = await account('counted');
    const m = await createMerchant({ name: storeName('Counted'), ownerId: owner.id });
    const a = await account('a');
    const b = await account('b');
    await Promise.all([
      inviteStaffService(m.id, { userId: a.id, role: 'operator' }, owner.id),
      inviteStaffService(m.id, { userId: b.id, role: 'operator' }, owner.id),
    ]);
    await invoke(removeStaff, { method: 'DELETE', params: { merchantId: m.id, userId: a.id }, token: await owner.token() });
    expect((await getMerchant(m.id, true)).staffCount).toBe(2);
  });
});

describe('access patterns', () => {
  it('AP11 listMerchantStaff: staff items under the merchant, one per member', async () => {
    const owner = await account('ap11');
    const m = await createMerchant({ name: storeName('AP11'), ownerId: owner.id });
    const member = await account('ap11m');
    await inviteStaffService(m.id, { userId: member.id, role: 'customer_service' }, owner.id);
    const p = keys.merchantStaffPrefix(m.id);
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': p.PK, ':p': p.SKPrefix },
      }),
    );
    expect(out.Items?.map((i) => i.role).sort()).toEqual(['customer_service', 'owner']);
  });

  it("AP24 getMerchantInvite: an invite is stored under the merchant and found by the phone's index", async () => {
    const phone = freshPhone();
    await inviteStaffService(merchantA, { phone, role: 'operator' }, ownerA.id);
    const direct = await db().send(new GetCommand({ TableName: tableName(), Key: keys.merchantInvite(merchantA, phone) }));
    expect(direct.Item).toMatchObject({ entity: 'MerchantInvite', role: 'operator', invitedBy: ownerA.id });
    const byPhone = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: INDEX.byOwner,
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.phoneInvitesIndex(phone).GSI1PK },
      }),
    );
    expect(byPhone.Items?.map((i) => i.merchantId)).toEqual([merchantA]);
  });
});
