/**
 * A 300-SKU product (15 colours x 20 sizes, the largest matrix a product may have) made in the merchant's
 * product editor in Chromium, as a merchant would: two dimensions typed in, the codes generated from a
 * prefix, one price and one stock for every row, then saved and sent to review (issue 12: products of at
 * least 200 SKUs work end to end; ADR 0037 for how the write stays consistent).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page, Response } from 'playwright-core';
import { formatMessage, type MerchantProductView } from '@wxshop/shared';
import { CATALOG } from '@wxshop/shared/i18n/messages';
import { API, call, smsLogin } from '../support/api-client';
import { apiResponse, fillField, launchChromium, openApp, pickFile, rawMessageKeys, type AppPage, type StoredSession } from '../support/browser';
import { writePng } from '../support/files';
import { createMerchant } from '../../functions/merchants/merchants';
import { closeDb } from '../../functions/lib/table';

jest.setTimeout(300_000);

/** Demo category tree (infra/local/seed-merchants.ts, fixed ids): 食品 (600) > 零食 (610, a leaf). */
const FOOD = '01JC0000000000000000000600';
const SNACKS = '01JC0000000000000000000610';
const COLOURS = ['红', '橙', '黄', '绿', '青', '蓝', '紫', '黑', '白', '灰', '棕', '粉', '金', '银', '米'];
const SIZES = Array.from({ length: 20 }, (_, i) => `${34 + i}码`);
const zh = CATALOG['zh-CN'];
const tag = Date.now().toString(36).toUpperCase();

const submittedMatching = (page: Page, merchantId: string): Promise<Response> =>
  page.waitForResponse(
    (r) => r.request().method() === 'POST' && new RegExp(`^/merchants/${merchantId}/products/[^/]+/submit$`).test(r.url().slice(API.length)),
  );

let browser: Browser;
let app: AppPage;
let files: string;
let merchantId: string;

beforeAll(async () => {
  const env = (JSON.parse(readFileSync(join(__dirname, '..', '..', '.local', 'stack.json'), 'utf8')) as { env: Record<string, string> }).env;
  process.env.DYNAMODB_ENDPOINT = env.DYNAMODB_ENDPOINT;
  process.env.TABLE_NAME = env.TABLE_NAME;
  const owner = await smsLogin();
  merchantId = (await createMerchant({ name: `大码鞋铺 ${tag}`, ownerId: owner.profile.id })).id;
  const me = await call<StoredSession['profile']>('GET', '/me', { token: owner.accessToken });
  expect(me.status).toBe(200);
  files = mkdtempSync(join(tmpdir(), 'wxshop-e2e-matrix-'));
  browser = await launchChromium();
  app = await openApp(browser, 'large-matrix', {
    locale: 'zh-CN',
    session: { accessToken: owner.accessToken, refreshToken: owner.refreshToken, expiresAt: Date.now() + 10 * 60_000, profile: me.body },
  });
});
afterAll(async () => {
  await app?.close();
  await browser?.close();
  if (files) rmSync(files, { recursive: true, force: true });
  closeDb();
});

describe('a 300-SKU product in the merchant editor', () => {
  it('is typed in, filled from one bar, saved and sent to review with every SKU', async () => {
    const m = app.page;
    await app.open(`/merchant/pages/product-edit/index?merchantId=${merchantId}`, '#pe-title');
    await fillField(m, 'pe-title', `运动鞋 ${tag}`);
    await fillField(m, 'pe-description', '十五种颜色，二十个尺码。');
    await m.locator('#pe-category-toggle').click();
    await m.locator(`#pe-category-option-${FOOD}`).click();
    await m.locator(`#pe-category-option-${SNACKS}`).click();
    await pickFile(m, '#pe-images-add', writePng(files, 'shoe.png', 160));
    await m.locator('#pe-images-item-0 img').waitFor();
    for (const [d, [name, values]] of (
      [
        ['颜色', COLOURS],
        ['尺码', SIZES],
      ] as const
    ).entries()) {
      await m.locator('#pe-spec-add').click();
      await fillField(m, `pe-spec-name-${d}`, name);
      for (const [v, value] of values.entries()) {
        if (v > 0) await m.locator(`#pe-spec-${d}-add-value`).click();
        await fillField(m, `pe-spec-${d}-value-${v}`, value);
      }
    }
    const started = Date.now();
    await m.locator('#pe-sku-299').waitFor();
    console.log(`[large-matrix] 300 rows shown ${Date.now() - started} ms after the last value`);
    expect(await app.text('#pe-matrix-size')).toBe(formatMessage(zh['merchant.product.matrix_size'], { n: 300 }));
    expect(await app.text('#pe-sku-299-label')).toBe('米 / 53码');

    // One bar fills the whole matrix: a bad prefix is refused in place, a good one generates the codes.
    await fillField(m, 'pe-fill-code', 'X/1');
    await m.locator('#pe-fill-apply').click();
    await m.locator('#pe-fill-code-error').waitFor();
    expect(await m.locator('#pe-sku-0-code input').inputValue()).toBe('');
    await fillField(m, 'pe-fill-code', `SH${tag}`);
    await fillField(m, 'pe-fill-price', '199.00');
    await fillField(m, 'pe-fill-stock', '5');
    await m.locator('#pe-fill-apply').click();
    expect(await m.locator('#pe-sku-299-code input').inputValue()).toBe(`SH${tag}-300`);
    expect(await m.locator('#pe-sku-150-price input').inputValue()).toBe('199.00');
    await m.locator('#pe-sku-299').scrollIntoViewIfNeeded();
    await app.shot('matrix-filled');

    const created = apiResponse(m, 'POST', `/merchants/${merchantId}/products`);
    const submitted = submittedMatching(m, merchantId);
    const saving = Date.now();
    await m.locator('#pe-submit').click();
    const answer = await created;
    expect(answer.status()).toBe(201);
    const product = (await answer.json()) as MerchantProductView;
    expect((await submitted).status()).toBe(200);
    console.log(`[large-matrix] saved and submitted in ${Date.now() - saving} ms`);
    expect(product.skus).toHaveLength(300);
    expect(new Set(product.skus.map((s) => s.code)).size).toBe(300);
    expect(product.skus.every((s) => s.price.amount === 19900 && s.stock === 5)).toBe(true);
    await m.locator(`#product-${product.id}`).waitFor();
    expect(await m.locator(`#product-${product.id}`).innerText()).toContain(zh['merchant.product.status.submitted']);
    await app.shot('in-review');
    expect(await rawMessageKeys(m)).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
