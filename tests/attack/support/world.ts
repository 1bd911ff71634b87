import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulid';
import type { MerchantRole, PlatformRole } from '@wxshop/shared';
import { DEMO } from '../../../infra/local/seed';
import { readFunctions } from '../../../infra/local/template';
import { startStreamPoller, streamConsumers } from '../../../infra/local/streams';
import { createIsolatedApi, type IsolatedApi } from './isolated-api';
import { randomEmail, randomPhone, randomSourceIp, send, type Reply, type RequestSpec } from './http';
import { loadOperations, type Operation } from './openapi';
import { SignIn, type Session } from './sign-in';

/** Every kind of caller the suites act as. */
export const ROLES = [
  'anonymous',
  'shopper',
  'ownerA',
  'ownerB',
  'merchantOperatorA',
  'merchantCsA',
  'super_admin',
  'operator',
  'customer_service',
  'finance',
] as const;
export type RoleName = (typeof ROLES)[number];

export interface RoleGrant {
  platform?: PlatformRole;
  merchants?: Record<string, MerchantRole>;
}

export type MerchantSide = 'A' | 'B';

export const PRINCIPAL_PASSWORD = 'attack-suite-password-1';

/** A store opened for one suite's use, and its owner's session (the world's stores A and B are shared). */
export interface OwnStore {
  merchantId: string;
  owner: Session;
}

/** The sub-merchant application a store of its own submits to WeChat Pay (the simulator finishes it). */
const OWN_STORE_APPLYMENT = { organizationType: '2401', merchantShortname: '攻击测试自有店', contact: { name: '张三', mobile: '13800138000' } };

export interface ProductRef {
  productId: string;
  skuId: string;
  merchantId: string;
  /** The content it was created with (PUT takes the whole content). */
  body: Record<string, unknown>;
}

/**
 * The shared world of the attack suites: an isolated API over a seeded scratch table, the stream
 * consumers of serverless.yml on that table, and a signed-in session of every role (real logins:
 * SMS through the simulator, email + password for the seeded super admin; platform staff granted
 * through POST /admin/staff and merchant staff through POST /merchants/{id}/staff).
 */
export class World {
  api!: IsolatedApi;
  signIn!: SignIn;
  ops!: Operation[];
  readonly merchants: Record<MerchantSide, string> = { A: DEMO.merchants[0].id, B: DEMO.merchants[1].id };
  readonly sessions = new Map<RoleName, Session>();
  readonly grants = new Map<RoleName, RoleGrant>();
  /** A second shopper, owner of objects the first must not reach. */
  otherShopper!: Session;
  topCategoryId!: string;
  leafCategoryId!: string;
  private poller?: { stop(): Promise<void>; processed(): number; caughtUp(timeoutMs?: number): Promise<void> };
  private checkpointDir = mkdtempSync(join(tmpdir(), 'wxshop-attack-streams-'));

  async start(): Promise<void> {
    const t0 = Date.now();
    const trace = (m: string): void => void (process.env.ATTACK_TRACE && console.log(`world ${((Date.now() - t0) / 1000).toFixed(1)} s: ${m}`));
    // abandoned Idempotency-Keys are taken over after 5 s instead of 60 (the fault suite runs past it)
    process.env.IDEMPOTENCY_TAKEOVER_S ??= '5';
    const api = await createIsolatedApi('world');
    this.api = api;
    trace('table created and seeded');
    await api.start();
    trace('API up');
    this.signIn = new SignIn(this.api.url, this.api.stack.urls.sims);
    this.ops = await loadOperations(this.api.url);
    await this.startConsumers();
    trace('stream consumers running');
    const admin = await this.signIn.email(DEMO.admin.email, DEMO.admin.password);
    this.remember('super_admin', admin, { platform: 'super_admin' });
    const [ownerA, ownerB, shopper, otherShopper] = await Promise.all([
      this.signIn.sms(DEMO.merchants[0].owner.phone),
      this.signIn.sms(DEMO.merchants[1].owner.phone),
      this.signIn.sms(),
      this.signIn.sms(),
    ]);
    this.remember('ownerA', ownerA, { merchants: { [this.merchants.A]: 'owner' } });
    this.remember('ownerB', ownerB, { merchants: { [this.merchants.B]: 'owner' } });
    this.remember('shopper', shopper, {});
    this.otherShopper = otherShopper;
    const platformStaff = (['operator', 'customer_service', 'finance'] as const).map(async (role) => {
      const phone = randomPhone();
      await this.ok('super_admin', { method: 'POST', path: '/admin/staff', body: { role, phone } }, `grant ${role}`);
      this.remember(role, await this.signIn.sms(phone), { platform: role });
    });
    const merchantStaff = (
      [
        ['merchantOperatorA', 'operator'],
        ['merchantCsA', 'customer_service'],
      ] as const
    ).map(async ([name, role]) => {
      const who = await this.signIn.sms();
      await this.ok(
        'ownerA',
        { method: 'POST', path: `/merchants/${this.merchants.A}/staff`, body: { role, userId: who.userId } },
        `add ${role} to merchant A`,
      );
      this.remember(name, who, { merchants: { [this.merchants.A]: role } });
    });
    await Promise.all([...platformStaff, ...merchantStaff]);
    this.topCategoryId = await this.category(null);
    this.leafCategoryId = await this.category(this.topCategoryId);
    trace('roles signed in');
  }

  async stop(): Promise<void> {
    await this.stopConsumers();
    await this.api?.stop();
    rmSync(this.checkpointDir, { recursive: true, force: true });
  }

  private remember(role: RoleName, session: Session, grant: RoleGrant): void {
    this.sessions.set(role, session);
    this.grants.set(role, grant);
  }

  /** Runs the table's stream consumers (browse index, signup counters) as Lambda would. */
  async startConsumers(): Promise<void> {
    if (this.poller) return;
    this.poller = await startStreamPoller({
      endpoint: this.api.env.DYNAMODB_ENDPOINT!,
      tableName: this.api.table,
      consumers: streamConsumers(readFunctions()),
      checkpointFile: join(this.checkpointDir, 'checkpoints.json'),
      intervalMs: 250,
      log: () => undefined,
    });
  }

  /**
   * Waits until the running consumers have applied everything written so far (signup counters, the
   * browse index, stock flags): after a suite that paused them, their backlog is the whole suite's writes.
   */
  async consumersCaughtUp(timeoutMs?: number): Promise<void> {
    if (!this.poller) throw new Error('the stream consumers are not running');
    await this.poller.caughtUp(timeoutMs);
  }

  /** Stops the consumers (they resume from their checkpoints): nothing but requests writes meanwhile. */
  async stopConsumers(): Promise<void> {
    await this.poller?.stop();
    this.poller = undefined;
  }

  session(role: RoleName): Session | undefined {
    return role === 'anonymous' ? undefined : this.sessions.get(role);
  }

  private refreshing = new WeakMap<Session, Promise<void>>();

  /**
   * Renews a session's access token when it is older than 10 minutes (they live 15; a full attack
   * run is longer). One rotation at a time per session: presenting a rotated refresh token twice
   * would (rightly) revoke the session.
   */
  async keepFresh(session: Session): Promise<Session> {
    if (Date.now() - session.issuedAt < 10 * 60_000) return session;
    let pending = this.refreshing.get(session);
    if (!pending) {
      pending = this.signIn.refresh(session).finally(() => this.refreshing.delete(session));
      this.refreshing.set(session, pending);
    }
    await pending;
    return session;
  }

  /** One request as a role (or a session), from a fresh client address. */
  async call(as: RoleName | Session | undefined, spec: RequestSpec): Promise<Reply> {
    const session = typeof as === 'string' ? this.session(as) : as;
    if (session && spec.token === undefined) await this.keepFresh(session);
    return send(this.api.url, { ...spec, token: spec.token ?? session?.accessToken }, { sourceIp: randomSourceIp() });
  }

  /** A request that must succeed: the answer's JSON. */
  async ok<T = Record<string, unknown>>(as: RoleName | Session | undefined, spec: RequestSpec, what: string): Promise<T> {
    let reply = await this.call(as, spec);
    // a fixture is setup, not the attack: a rate limit (refused before anything ran) is waited out, as a client would
    for (let tries = 1; reply.status === 429 && tries < 6; tries += 1) {
      const retryAfter = Number((reply.json as { error?: { retryAfter?: number } } | undefined)?.error?.retryAfter ?? 1);
      await new Promise((r) => setTimeout(r, Math.min(Math.max(retryAfter, 1), 10) * 1000));
      reply = await this.call(as, spec);
    }
    if (reply.status < 200 || reply.status > 299) throw new Error(`${what}: ${spec.method} ${spec.path} -> ${reply.status} ${reply.text.slice(0, 300)}`);
    return reply.json as T;
  }

  /** Asks an upload route for a presigned PUT, uploads `size` bytes to it, and returns the key. */
  async upload(as: RoleName | Session, path: string, contentType = 'image/png', size = 68): Promise<string> {
    const ticket = await this.ok<{ key: string; uploadUrl: string; headers: Record<string, string> }>(
      as,
      { method: 'POST', path, body: { contentType, size } },
      `upload ticket ${path}`,
    );
    const put = await fetch(ticket.uploadUrl, { method: 'PUT', headers: { ...ticket.headers, 'Content-Length': String(size) }, body: Buffer.alloc(size, 1) });
    if (!put.ok) throw new Error(`upload to ${ticket.uploadUrl}: ${put.status} ${await put.text()}`);
    return ticket.key;
  }

  async category(parentId: string | null): Promise<string> {
    const made = await this.ok<{ id: string }>(
      'super_admin',
      { method: 'POST', path: '/admin/categories', body: { parentId, name: { 'zh-CN': `攻击测试 ${ulid()}` } } },
      'create category',
    );
    return made.id;
  }

  /** A new product of merchant A or B (or of a store of its own), one SKU with `stock` units (10), in the stage asked for. */
  async product(side: MerchantSide | OwnStore, stage: 'draft' | 'submitted' | 'approved' = 'draft', stock = 10): Promise<ProductRef> {
    const merchantId = typeof side === 'string' ? this.merchants[side] : side.merchantId;
    const owner = typeof side === 'string' ? (side === 'A' ? 'ownerA' : 'ownerB') : side.owner;
    const body = {
      title: { 'zh-CN': `测试商品 ${ulid()}` },
      description: { 'zh-CN': '用于权限测试' },
      categoryId: this.leafCategoryId,
      imageKeys: [`merchants/${merchantId}/products/${ulid()}.jpg`],
      specs: [],
      skus: [{ specIndexes: [], code: `ATK-${ulid()}`, price: 1990, initialStock: stock }],
    };
    const made = await this.ok<{ id: string; skus: { id: string }[] }>(
      owner,
      { method: 'POST', path: `/merchants/${merchantId}/products`, body },
      'create product',
    );
    const ref = { productId: made.id, skuId: made.skus[0]!.id, merchantId, body };
    if (stage === 'draft') return ref;
    await this.ok(owner, { method: 'POST', path: `/merchants/${merchantId}/products/${ref.productId}/submit` }, 'submit product');
    if (stage === 'submitted') return ref;
    await this.ok('super_admin', { method: 'POST', path: `/admin/products/${ref.productId}/approve` }, 'approve product');
    return ref;
  }

  /**
   * A store of its own for `purpose` that can sell: opened through an approved application, then its
   * WeChat Pay sub-merchant application submitted by its owner and finished at the simulator (as the
   * platform's happy path goes), so its checkouts are paid to a sub-merchant of its own. A suite whose
   * checkouts must not depend on what the other suites did to A or B (its status, templates, stock) sells here.
   */
  sellingStore(purpose: string): Promise<OwnStore> {
    return this.shared(`selling-store:${purpose}`, async () => {
      const owner = await this.freshUser();
      const applicationId = await this.application(owner);
      const { merchant } = await this.ok<{ merchant: { id: string } }>(
        'super_admin',
        { method: 'POST', path: `/admin/merchant-applications/${applicationId}/approve` },
        'approve application',
      );
      const account = `/merchants/${merchant.id}/payment-account`;
      const submitted = await this.ok<{ application: { outRequestNo: string } | null }>(
        owner,
        { method: 'POST', path: `${account}/applyments`, body: OWN_STORE_APPLYMENT },
        'apply for a sub-merchant account',
      );
      const no = submitted.application?.outRequestNo ?? '';
      const advanced = await fetch(`${this.api.stack.urls.sims}/_sim/wechatpay/applyments/${encodeURIComponent(no)}/advance`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ to: 'FINISH' }),
      });
      if (!advanced.ok) throw new Error(`finish applyment ${no} at the simulator: ${advanced.status} ${await advanced.text()}`);
      const finished = await this.ok<{ canSell: boolean; subMchid: string | null }>(owner, { method: 'GET', path: account }, 'read the payment account');
      if (!finished.canSell) throw new Error(`store ${merchant.id} cannot sell after its applyment finished: ${JSON.stringify(finished)}`);
      return { merchantId: merchant.id, owner };
    });
  }

  /** A product of merchant A on sale and indexed by the browse consumer (favourites need its card). */
  productOnSale(): Promise<ProductRef> {
    return this.shared('product:on-sale', async () => {
      const ref = await this.product('A', 'approved');
      const deadline = Date.now() + 90_000;
      while ((await this.call(this.otherShopper, { method: 'PUT', path: `/me/favourites/${ref.productId}` })).status === 404) {
        if (Date.now() > deadline) throw new Error(`product ${ref.productId} was not indexed by the stream consumer in 90 s`);
        await new Promise((r) => setTimeout(r, 500));
      }
      return ref;
    });
  }

  /** A merchant application submitted by `applicant` (documents uploaded first); its id. */
  async application(applicant: Session): Promise<string> {
    const documentKey = await this.upload(applicant, '/merchant-applications/uploads');
    const body = {
      businessType: 'individual',
      storeName: `攻击测试店 ${ulid().slice(-10)}`,
      licenceNumber: `ATK-${Date.now().toString(36).toUpperCase()}`,
      contactName: '测试',
      contactPhone: randomPhone(),
      categoryId: this.topCategoryId,
      documentKeys: [documentKey],
    };
    return (await this.ok<{ id: string }>(applicant, { method: 'POST', path: '/merchant-applications', body }, 'submit application')).id;
  }

  private memo = new Map<string, Promise<unknown>>();

  /** Created once and shared by every request that only needs it to exist (denied calls change nothing). */
  shared<T>(key: string, make: () => Promise<T>): Promise<T> {
    if (!this.memo.has(key)) this.memo.set(key, make());
    return this.memo.get(key) as Promise<T>;
  }

  /**
   * A new account holding the same kind of role as `role`, signed up by SMS or by email (the
   * identity routes need an account without that login method; logout needs a session to end).
   * Owners get a store of their own through an approved application.
   */
  async principal(role: RoleName, via: 'sms' | 'email'): Promise<Session> {
    const session = via === 'sms' ? await this.signIn.sms() : await this.signIn.register(randomEmail('principal'), PRINCIPAL_PASSWORD);
    const grant = this.grants.get(role) ?? {};
    const login = session.phone ? { phone: session.phone } : { email: session.email };
    if (grant.platform)
      await this.ok('super_admin', { method: 'POST', path: '/admin/staff', body: { role: grant.platform, ...login } }, `grant ${grant.platform}`);
    for (const [merchantId, merchantRole] of Object.entries(grant.merchants ?? {})) {
      if (merchantRole === 'owner') {
        const applicationId = await this.application(session);
        await this.ok('super_admin', { method: 'POST', path: `/admin/merchant-applications/${applicationId}/approve` }, 'approve application');
      } else {
        const owner = merchantId === this.merchants.A ? 'ownerA' : 'ownerB';
        await this.ok(
          owner,
          { method: 'POST', path: `/merchants/${merchantId}/staff`, body: { role: merchantRole, userId: session.userId } },
          `add ${merchantRole}`,
        );
      }
    }
    return session;
  }

  /** A signed-in account with no role: a fresh shopper. */
  freshUser(): Promise<Session> {
    return this.signIn.sms();
  }
}
