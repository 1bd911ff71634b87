import { uniquePhone } from '../support/integration-env';
import { invoke } from '../support/lambda';
import { createAccount, setPlatformRole } from '../../functions/identity/accounts';
import { startSession } from '../../functions/identity/sessions';
import { createMerchant } from '../../functions/merchants/merchants';
import { handler as dashboard } from '../../functions/merchants/get-merchant-dashboard';
import { handler as myMerchants } from '../../functions/merchants/list-my-merchants';
import { handler as listStaff } from '../../functions/admin/list-platform-staff';
import { handler as createStaff } from '../../functions/admin/create-platform-staff';
import { handler as removeStaff } from '../../functions/admin/remove-platform-staff';
import { handler as getMe } from '../../functions/me/get-me';

async function account(nickname: string): Promise<{ id: string; token: () => Promise<string> }> {
  const id = (await createAccount({ provider: 'phone', subject: uniquePhone(), display: nickname }, { nickname }))!;
  return { id, token: async () => (await startSession(id, 'phone', false)).accessToken };
}

let merchantA: string;
let merchantB: string;
let ownerA: Awaited<ReturnType<typeof account>>;
let ownerB: Awaited<ReturnType<typeof account>>;
let shopper: Awaited<ReturnType<typeof account>>;
let admin: Awaited<ReturnType<typeof account>>;

beforeAll(async () => {
  [ownerA, ownerB, shopper, admin] = await Promise.all([account('ownerA'), account('ownerB'), account('shopper'), account('admin')]);
  merchantA = (await createMerchant({ name: `Store A ${Date.now()}`, ownerId: ownerA.id })).id;
  merchantB = (await createMerchant({ name: `Store B ${Date.now()}`, ownerId: ownerB.id })).id;
  await setPlatformRole(admin.id, 'super_admin', 'test');
});

describe('merchant routes', () => {
  it("let a merchant's owner read its dashboard", async () => {
    const res = await invoke<{ merchant: { id: string; role: string }; staffCount: number }>(dashboard, {
      method: 'GET',
      params: { merchantId: merchantA },
      token: await ownerA.token(),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ merchant: { id: merchantA, role: 'owner' }, staffCount: 1 });
  });

  it("answer 404 to another merchant's staff", async () => {
    const res = await invoke<{ error: { code: string } }>(dashboard, { method: 'GET', params: { merchantId: merchantB }, token: await ownerA.token() });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('answer 403 to a shopper', async () => {
    const res = await invoke(dashboard, { method: 'GET', params: { merchantId: merchantA }, token: await shopper.token() });
    expect(res.status).toBe(403);
  });

  it("list only the caller's merchants", async () => {
    const res = await invoke<{ items: { id: string }[] }>(myMerchants, { method: 'GET', token: await ownerB.token() });
    expect(res.body.items.map((m) => m.id)).toEqual([merchantB]);
  });

  it('refuse a malformed merchant id with 400', async () => {
    expect((await invoke(dashboard, { method: 'GET', params: { merchantId: '../etc' }, token: await ownerA.token() })).status).toBe(400);
  });
});

describe('platform staff', () => {
  it('refuse a shopper and a merchant owner with 403', async () => {
    for (const who of [shopper, ownerA]) expect((await invoke(listStaff, { method: 'GET', token: await who.token() })).status).toBe(403);
  });

  it('let a super admin grant a role that takes effect on the next call', async () => {
    const phone = uniquePhone();
    const created = await invoke<{ userId: string; role: string }>(createStaff, { body: { role: 'customer_service', phone }, token: await admin.token() });
    expect(created.status).toBe(201);
    const list = await invoke<{ items: { userId: string; role: string }[] }>(listStaff, { method: 'GET', token: await admin.token() });
    expect(list.body.items).toContainEqual(expect.objectContaining({ userId: created.body.userId, role: 'customer_service' }));
    const staffToken = (await startSession(created.body.userId, 'phone', false)).accessToken;
    expect((await invoke<{ roles: { platform?: string } }>(getMe, { method: 'GET', token: staffToken })).body.roles.platform).toBe('customer_service');
    // customer service may not manage staff
    expect((await invoke(listStaff, { method: 'GET', token: staffToken })).status).toBe(403);
    // removal takes effect at once, with the same token
    expect((await invoke(removeStaff, { method: 'DELETE', params: { userId: created.body.userId }, token: await admin.token() })).status).toBe(200);
    expect((await invoke<{ roles: { platform?: string } }>(getMe, { method: 'GET', token: staffToken })).body.roles.platform).toBeUndefined();
  });

  it('refuse an operator granting roles (no staff:write)', async () => {
    const op = await account('operator');
    await setPlatformRole(op.id, 'operator', admin.id);
    const res = await invoke(createStaff, { body: { role: 'super_admin', phone: uniquePhone() }, token: await op.token() });
    expect(res.status).toBe(403);
  });

  it('refuse a request that names both a phone and an email', async () => {
    const res = await invoke(createStaff, { body: { role: 'operator', phone: uniquePhone(), email: 'a@b.co' }, token: await admin.token() });
    expect(res.status).toBe(400);
  });
});
