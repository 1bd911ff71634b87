import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Application, ApplicationDetail, MerchantAdminView, UploadTicket } from '@wxshop/shared';
import { lastCode, withSimulators } from '../support/integration-env';
import { invoke } from '../support/lambda';
import type { Simulators } from '../../infra/local/sims';
import { db, tableName } from '../../functions/lib/table';
import { INDEX, keys } from '../../functions/lib/keys';
import { getAccount } from '../../functions/identity/accounts';
import { createMerchant, getMerchant, listUserMerchants } from '../../functions/merchants/merchants';
import { listApplicationsByStatus, listUserApplications } from '../../functions/merchants/applications';
import { handler as createApplicationUpload } from '../../functions/merchants/create-application-upload';
import { handler as submit } from '../../functions/merchants/submit-application';
import { handler as resubmit } from '../../functions/merchants/resubmit-application';
import { handler as listMine } from '../../functions/merchants/list-my-applications';
import { handler as getMine } from '../../functions/merchants/get-my-application';
import { handler as queue } from '../../functions/merchants/list-application-queue';
import { handler as review } from '../../functions/merchants/get-application-for-review';
import { handler as approve } from '../../functions/merchants/approve-application';
import { handler as reject } from '../../functions/merchants/reject-application';
import { handler as inviteStaff } from '../../functions/merchants/invite-merchant-staff';
import { handler as sendSms } from '../../functions/identity/send-sms-code';
import { handler as loginSms } from '../../functions/identity/login-sms';
import { handler as myMerchants } from '../../functions/merchants/list-my-merchants';
import {
  account,
  applicationBody,
  digestOf,
  freshPhone,
  imageBytes,
  platformAccount,
  put,
  storeName,
  topCategory,
  uploadDocument,
  withUploads,
  type TestAccount,
} from './merchants-support';

type ErrorAnswer = { error: { code: string; message: string; fields?: Record<string, string> } };

jest.setTimeout(30_000);

let sims: Simulators;
let s3: { stop(): Promise<void> };
let reviewer: TestAccount;
let categoryId: string;

beforeAll(async () => {
  [sims, s3] = await Promise.all([withSimulators(), withUploads()]);
  reviewer = await platformAccount('operator');
  categoryId = await topCategory();
});
afterAll(async () => {
  await Promise.all([sims.close(), s3.stop()]);
});

async function applied(who: TestAccount, name = storeName()): Promise<Application> {
  const res = await invoke<Application>(submit, { body: applicationBody(name, categoryId, [await uploadDocument(who)]), token: await who.token() });
  expect(res.status).toBe(201);
  return res.body;
}

describe('the onboarding flow', () => {
  it('takes an applicant from rejection through resubmission to an owner whose invited staff sign in to the store', async () => {
    const applicant = await account('applicant');
    const name = storeName('翠竹茶庄');

    // apply
    const first = await applied(applicant, `${name} draft`);
    expect(first).toMatchObject({ status: 'submitted', version: 1, rejectReason: null, merchantId: null, applicantId: applicant.id });

    // reject with a reason the applicant sees
    const rejected = await invoke<Application>(reject, {
      params: { applicationId: first.id },
      body: { reason: '营业执照照片模糊，请重新上传' },
      token: await reviewer.token(),
      headers: { 'Idempotency-Key': `reject-${first.id}` },
    });
    expect(rejected.status).toBe(200);
    const seen = await invoke<{ items: Application[] }>(listMine, { method: 'GET', token: await applicant.token() });
    expect(seen.body.items[0]).toMatchObject({ id: first.id, status: 'rejected', rejectReason: '营业执照照片模糊，请重新上传' });

    // edit and resubmit: version 2 goes back to the queue
    const again = await invoke<Application>(resubmit, {
      method: 'PUT',
      params: { applicationId: first.id },
      body: applicationBody(name, categoryId, [await uploadDocument(applicant), await uploadDocument(applicant)]),
      token: await applicant.token(),
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'submitted', version: 2, storeName: name, rejectReason: null });

    // approve: the store exists and the applicant owns it
    const approved = await invoke<{ application: Application; merchant: MerchantAdminView }>(approve, {
      params: { applicationId: first.id },
      token: await reviewer.token(),
    });
    expect(approved.status).toBe(200);
    const merchantId = approved.body.merchant.id;
    expect(approved.body.application).toMatchObject({ status: 'approved', merchantId });
    expect(approved.body.merchant).toMatchObject({ name, status: 'open', ownerId: applicant.id, applicationId: first.id });
    expect((await getAccount(applicant.id)).user.roles.merchants).toEqual({ [merchantId]: 'owner' });

    // history: both versions kept, with their decisions
    const detail = await invoke<ApplicationDetail>(getMine, { method: 'GET', params: { applicationId: first.id }, token: await applicant.token() });
    expect(detail.body.versions.map((v) => [v.version, v.decision, v.reason])).toEqual([
      [1, 'rejected', '营业执照照片模糊，请重新上传'],
      [2, 'approved', null],
    ]);

    // the owner invites a phone that has no account yet
    const staffPhone = freshPhone();
    const invited = await invoke<{ outcome: string }>(inviteStaff, {
      params: { merchantId },
      body: { phone: staffPhone, role: 'operator' },
      token: await applicant.token(),
      headers: { 'Idempotency-Key': `invite-${staffPhone.slice(1)}` },
    });
    expect(invited.status).toBe(201);
    expect(invited.body.outcome).toBe('invited');

    // the staff member signs up by SMS and sees the store with the role
    expect((await invoke(sendSms, { body: { phone: staffPhone, purpose: 'login' } })).status).toBe(200);
    const login = await invoke<{ accessToken: string; profile: { roles: { merchants?: Record<string, string> } } }>(loginSms, {
      body: { phone: staffPhone, code: lastCode(sims, staffPhone) },
    });
    expect(login.status).toBe(200);
    expect(login.body.profile.roles.merchants).toEqual({ [merchantId]: 'operator' });
    const stores = await invoke<{ items: unknown[] }>(myMerchants, { method: 'GET', token: login.body.accessToken });
    expect(stores.body.items).toEqual([{ id: merchantId, name, status: 'open', role: 'operator' }]);
  });
});

describe('approval', () => {
  it('is harmless the second time: one store, the same answer', async () => {
    const applicant = await account('twice');
    const app = await applied(applicant);
    const token = await reviewer.token();
    const [a, b] = await Promise.all([
      invoke<{ merchant: MerchantAdminView }>(approve, { params: { applicationId: app.id }, token }),
      invoke<{ merchant: MerchantAdminView }>(approve, { params: { applicationId: app.id }, token }),
    ]);
    const third = await invoke<{ merchant: MerchantAdminView }>(approve, { params: { applicationId: app.id }, token });
    expect([a.status, b.status, third.status]).toEqual([200, 200, 200]);
    expect(new Set([a.body.merchant.id, b.body.merchant.id, third.body.merchant.id]).size).toBe(1);
    expect(await listUserMerchants(applicant.id)).toHaveLength(1);
  });

  it('answers 409 when the store name was taken meanwhile, and leaves the application submitted', async () => {
    const applicant = await account('late');
    const name = storeName('Taken');
    const app = await applied(applicant, name);
    const squatter = await account('squatter');
    await createMerchant({ name: name.toUpperCase(), ownerId: squatter.id });

    const res = await invoke<ErrorAnswer>(approve, { params: { applicationId: app.id }, token: await reviewer.token() });

    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('taken');
    const after = await invoke<ApplicationDetail>(review, { method: 'GET', params: { applicationId: app.id }, token: await reviewer.token() });
    expect(after.body).toMatchObject({ status: 'submitted', merchantId: null });
    await expect(getMerchant(app.id)).rejects.toMatchObject({ status: 404 });
    expect((await getAccount(applicant.id)).user.roles.merchants ?? {}).toEqual({});
  });

  it('refuses to approve a rejected application (409)', async () => {
    const applicant = await account('rejected');
    const app = await applied(applicant);
    await invoke(reject, { params: { applicationId: app.id }, body: { reason: 'incomplete' }, token: await reviewer.token() });
    expect((await invoke(approve, { params: { applicationId: app.id }, token: await reviewer.token() })).status).toBe(409);
  });
});

describe('applications', () => {
  it('allow one open application per user (409 for a second, even after a rejection)', async () => {
    const applicant = await account('one');
    const app = await applied(applicant);
    const second = await invoke(submit, { body: applicationBody(storeName(), categoryId, [await uploadDocument(applicant)]), token: await applicant.token() });
    expect(second.status).toBe(409);
    await invoke(reject, { params: { applicationId: app.id }, body: { reason: 'name unclear' }, token: await reviewer.token() });
    const third = await invoke(submit, { body: applicationBody(storeName(), categoryId, [await uploadDocument(applicant)]), token: await applicant.token() });
    expect(third.status).toBe(409);
  });

  it('can be resubmitted only when rejected (409 while submitted)', async () => {
    const applicant = await account('early');
    const app = await applied(applicant);
    const res = await invoke(resubmit, {
      method: 'PUT',
      params: { applicationId: app.id },
      body: applicationBody(storeName(), categoryId, app.documentKeys),
      token: await applicant.token(),
    });
    expect(res.status).toBe(409);
  });

  it("are invisible to other users (404) and to shoppers' review calls (403)", async () => {
    const applicant = await account('private');
    const app = await applied(applicant);
    const stranger = await account('stranger');
    expect((await invoke(getMine, { method: 'GET', params: { applicationId: app.id }, token: await stranger.token() })).status).toBe(404);
    expect(
      (
        await invoke(resubmit, {
          method: 'PUT',
          params: { applicationId: app.id },
          body: applicationBody(storeName(), categoryId, app.documentKeys),
          token: await stranger.token(),
        })
      ).status,
    ).toBe(404);
    for (const [handler, inv] of [
      [queue, { method: 'GET' }],
      [review, { method: 'GET', params: { applicationId: app.id } }],
      [approve, { params: { applicationId: app.id } }],
      [reject, { params: { applicationId: app.id }, body: { reason: 'because' } }],
    ] as const)
      expect((await invoke(handler, { ...inv, token: await stranger.token() })).status).toBe(403);
  });

  it('need documents that were uploaded by the applicant', async () => {
    const applicant = await account('docs');
    const other = await account('other');
    const otherKey = await uploadDocument(other);
    const notUploaded = `applications/${applicant.id}/01HZZZZZZZZZZZZZZZZZZZZZZZ.png`;
    const token = await applicant.token();
    for (const key of [otherKey, notUploaded]) {
      const before = await digestOf(applicant.id, other.id);
      const res = await invoke<ErrorAnswer>(submit, { body: applicationBody(storeName(), categoryId, [key]), token });
      expect(res.status).toBe(400);
      expect(res.body.error.fields?.['body.documentKeys']).toBeDefined();
      expect(await digestOf(applicant.id, other.id)).toBe(before);
    }
  });

  it('need a top-level category', async () => {
    const applicant = await account('cat');
    const res = await invoke<ErrorAnswer>(submit, {
      body: applicationBody(storeName(), '01HZZZZZZZZZZZZZZZZZZZZZZZ', [await uploadDocument(applicant)]),
      token: await applicant.token(),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields?.['body.categoryId']).toBeDefined();
  });

  it('reject client-sent status, ownerId or merchantId (400) and write nothing', async () => {
    const applicant = await account('sneaky');
    const key = await uploadDocument(applicant);
    const token = await applicant.token();
    for (const extra of [{ status: 'approved' }, { ownerId: applicant.id }, { merchantId: '01HZZZZZZZZZZZZZZZZZZZZZZA' }]) {
      const before = await digestOf(applicant.id, '01HZZZZZZZZZZZZZZZZZZZZZZA');
      const res = await invoke<ErrorAnswer>(submit, { body: { ...applicationBody(storeName(), categoryId, [key]), ...extra }, token });
      expect(res.status).toBe(400);
      expect(await digestOf(applicant.id, '01HZZZZZZZZZZZZZZZZZZZZZZA')).toBe(before);
    }
  });

  it('need a reason to be rejected (400)', async () => {
    const applicant = await account('reasonless');
    const app = await applied(applicant);
    expect((await invoke(reject, { params: { applicationId: app.id }, body: {}, token: await reviewer.token() })).status).toBe(400);
    expect((await invoke(reject, { params: { applicationId: app.id }, body: { reason: ' ' }, token: await reviewer.token() })).status).toBe(400);
  });
});

describe('document uploads', () => {
  it('are presigned under applications/<uid>/ for images up to 5 MiB only', async () => {
    const applicant = await account('uploader');
    const token = await applicant.token();
    const ok = await invoke<UploadTicket>(createApplicationUpload, { body: { contentType: 'image/webp', size: 5 * 1024 * 1024 }, token });
    expect(ok.status).toBe(200);
    expect(ok.body.key).toMatch(new RegExp(`^applications/${applicant.id}/[0-9A-Z]{26}\\.webp$`));
    expect((await invoke(createApplicationUpload, { body: { contentType: 'image/png', size: 5 * 1024 * 1024 + 1 }, token })).status).toBe(400);
    expect((await invoke(createApplicationUpload, { body: { contentType: 'application/pdf', size: 1000 }, token })).status).toBe(400);
  });

  it('refuse a body of another length than the one signed', async () => {
    const applicant = await account('liar');
    const ticket = await invoke<UploadTicket>(createApplicationUpload, { body: { contentType: 'image/png', size: 100 }, token: await applicant.token() });
    expect(await put(ticket.body, imageBytes(5000))).not.toBe(200);
  });
});

describe('access patterns', () => {
  it('AP20 getApplication: one query returns the application and every version', async () => {
    const applicant = await account('ap20');
    const app = await applied(applicant);
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.applicationPartition(app.id).PK },
      }),
    );
    expect(out.Items?.map((i) => i.SK)).toEqual(['APPLICATION', 'VERSION#0001']);
  });

  it('AP21 listApplicationsByStatus: the queue is oldest first and paged with a cursor', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await applied(await account(`q${i}`))).id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listApplicationsByStatus('submitted', 2, cursor);
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const positions = ids.map((id) => seen.indexOf(id));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const res = await invoke<{ items: Application[] }>(queue, { method: 'GET', query: { limit: '100' }, token: await reviewer.token() });
    expect(res.body.items.every((a) => a.status === 'submitted')).toBe(true);
    expect((await invoke(queue, { method: 'GET', query: { cursor: 'bm9wZQ' }, token: await reviewer.token() })).status).toBe(400);
  });

  it("AP22 listUserApplications: a user's applications, newest first, and the open-application marker", async () => {
    const applicant = await account('ap22');
    const first = await applied(applicant);
    await invoke(approve, { params: { applicationId: first.id }, token: await reviewer.token() });
    const second = await applied(applicant);
    expect((await listUserApplications(applicant.id)).map((a) => a.id)).toEqual([second.id, first.id]);
    const marker = await db().send(new GetCommand({ TableName: tableName(), Key: keys.userOpenApplication(applicant.id) }));
    expect(marker.Item?.applicationId).toBe(second.id);
    const byOwner = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: INDEX.byOwner,
        KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :p)',
        ExpressionAttributeValues: { ':pk': keys.userApplicationsPrefix(applicant.id).GSI1PK, ':p': 'APPLICATION#' },
      }),
    );
    expect(byOwner.Items).toHaveLength(2);
  });
});
