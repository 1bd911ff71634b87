/**
 * "Merchants and the catalog", end to end on H5 in Chromium, as the people involved do it:
 * a new user applies to open a store (form + document image), the super admin approves it in the
 * admin pages (a second browser), the new merchant creates a product with a 2 x 2 SKU matrix and
 * submits it, the admin approves it in the review queue, and a shopper (a third browser, signed out)
 * finds it by its Chinese name, opens it and sees each chosen SKU's own price and stock.
 * Screenshots of every step: test-artifacts/e2e/catalog-flow-{merchant,admin,shopper}/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page, Response } from 'playwright-core';
import { CATALOG } from '@wxshop/shared/i18n/messages';
import { formatMessage, formatMoney, type MerchantProductView } from '@wxshop/shared';
import { API, call } from '../support/api-client';
import {
  apiResponse,
  fillField as fill,
  launchChromium,
  openApp,
  pickFile,
  rawMessageKeys,
  signInWithEmail,
  signInWithSms,
  type AppPage,
} from '../support/browser';
import { writePng } from '../support/files';

jest.setTimeout(180_000);

/** Seeded by infra/local/seed.ts. */
const SUPER_ADMIN = { email: 'admin@wxshop.local', password: 'wxshop-admin-2026' };
/** Demo category tree (infra/local/seed-merchants.ts, fixed ids): 食品 (600) > 零食 (610, a leaf). */
const FOOD = '01JC0000000000000000000600';
const SNACKS = '01JC0000000000000000000610';
/** Not in infra/local/demo-catalog.ts (no 琥珀, no 核桃): only this test's products match it. */
const KEYWORD = '琥珀核桃酥';
/** The search index is written by a stream consumer: how long a shopper may have to search again. */
const INDEX_WAIT_MS = 15_000;

const zh = CATALOG['zh-CN'];
const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`.toUpperCase();
const phone = `+86137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const STORE = {
  name: `琥珀小铺 ${tag}`,
  licence: `91330100${tag}`.slice(0, 32),
  contactName: '林晓',
  contactPhone: phone.replace(/^\+86/, ''),
};
const PRODUCT = {
  title: `${KEYWORD} ZX${tag}`,
  description: '手工烘焙，核桃仁裹琥珀糖衣，酥脆不粘牙。',
  specs: [
    { name: '口味', values: ['原味', '蜂蜜'] },
    { name: '规格', values: ['250克', '500克'] },
  ],
  /** Matrix order (first dimension slowest): 原味/250克, 原味/500克, 蜂蜜/250克, 蜂蜜/500克. */
  skus: [
    { label: '原味 / 250克', code: `HT-${tag}-1`, price: '28.80', amount: 2880, stock: 11 },
    { label: '原味 / 500克', code: `HT-${tag}-2`, price: '52.00', amount: 5200, stock: 22 },
    { label: '蜂蜜 / 250克', code: `HT-${tag}-3`, price: '32.50', amount: 3250, stock: 33 },
    { label: '蜂蜜 / 500克', code: `HT-${tag}-4`, price: '59.90', amount: 5990, stock: 44 },
  ],
};

// ---------------------------------------------------------------- helpers

/** Resolves with the API's answer to the next `METHOD` call whose path matches (ids not known yet). */
function apiResponseMatching(page: Page, method: string, path: RegExp): Promise<Response> {
  return page.waitForResponse((r) => r.request().method() === method && r.url().startsWith(API) && path.test(r.url().slice(API.length).split('?')[0]!));
}

/** Taps "confirm" on the H5 modal of Taro.showModal. */
async function confirmModal(page: Page): Promise<void> {
  await page.locator('.taro__modal .taro-model__confirm:visible').click();
}

/** Paged admin lists (oldest first): "load more" until the row shows or there is no more. */
async function showRow(page: Page, row: string, more: string, listPath: string): Promise<void> {
  const target = page.locator(row);
  for (let pages = 0; pages < 30 && (await target.count()) === 0; pages++) {
    const button = page.locator(more);
    if ((await button.count()) === 0) break;
    const loaded = apiResponse(page, 'GET', listPath);
    await button.click();
    await loaded;
  }
  await target.scrollIntoViewIfNeeded();
}

/** Page text free of raw message keys and no uncaught exceptions so far. */
async function expectClean(app: AppPage): Promise<void> {
  expect(await rawMessageKeys(app.page)).toEqual([]);
  expect(app.errors).toEqual([]);
}

/** The stack must hold the demo categories and the catalog routes (a stack started before them does not). */
async function requireCatalogStack(): Promise<void> {
  const tree = await call<{ items: { id: string; children: { id: string }[] }[] }>('GET', '/categories');
  const food = tree.body.items?.find((c) => c.id === FOOD);
  const review = await call('GET', '/admin/products/review');
  const problems = [
    ...(food?.children.some((c) => c.id === SNACKS) ? [] : [`GET /categories has no ${FOOD} > ${SNACKS} (食品 > 零食): the demo categories are not seeded`]),
    ...(review.status === 404 ? ['GET /admin/products/review is 404: the running API predates the catalog routes'] : []),
  ];
  if (problems.length) throw new Error(`the running local stack cannot run this flow; restart it (npx tsx infra/local/start.ts):\n- ${problems.join('\n- ')}`);
}

let browser: Browser;
let files: string;
let documentPng: string;
let productPng: string;
beforeAll(async () => {
  await requireCatalogStack();
  files = mkdtempSync(join(tmpdir(), 'wxshop-e2e-catalog-'));
  documentPng = writePng(files, 'licence.png');
  productPng = writePng(files, 'walnut.png', 160);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  if (files) rmSync(files, { recursive: true, force: true });
});

describe('merchants and the catalog on H5', () => {
  it('takes a store from application to approval, a product from editor to review, and the product to a shopper by search with per-SKU price and stock', async () => {
    // ------------------------------------------------ 1. a new user applies to open a store
    const merchant = await openApp(browser, 'catalog-flow-merchant', { locale: 'zh-CN' });
    const m = merchant.page;
    // NOTE: a signed-in user without a store has no link to the merchant centre on Me (WorkspaceLinks shows
    // it to merchants only): the user opens its address, as a link shared by the platform would.
    await merchant.open('/merchant/pages/entry/index', '#merchant-signin');
    await merchant.shot('merchant-entry-signed-out');
    await m.locator('#merchant-signin-button').click();
    await m.locator('#login-phone').waitFor();
    await signInWithSms(merchant, phone);
    await m.locator('#merchant-open-store').waitFor();
    await merchant.shot('merchant-entry-no-store');
    await m.locator('#merchant-open-store').click();
    await m.locator('#apply-form').waitFor();
    await m.locator('#apply-type-company').click();
    await fill(m, 'apply-store-name', STORE.name);
    await fill(m, 'apply-licence', STORE.licence);
    await fill(m, 'apply-contact-name', STORE.contactName);
    await fill(m, 'apply-contact-phone', STORE.contactPhone);
    await m.locator('#apply-category-toggle').click();
    await m.locator(`#apply-category-option-${FOOD}`).click();
    await pickFile(m, '#apply-docs-add', documentPng);
    await m.locator('#apply-docs-item-0').waitFor();
    await m.locator('#apply-submit').scrollIntoViewIfNeeded();
    await merchant.shot('application-filled');
    const applied = apiResponse(m, 'POST', '/merchant-applications');
    await m.locator('#apply-submit').click();
    const appliedAnswer = await applied;
    expect(appliedAnswer.status()).toBe(201);
    const application = (await appliedAnswer.json()) as { id: string; status: string };
    await m.locator('#apply-status').waitFor();
    await merchant.shot('application-under-review');
    expect(application.status).toBe('submitted');
    expect(await merchant.text('#apply-status-title')).toBe(zh['merchant.apply.status.submitted']);
    expect(await merchant.text('#apply-status-store')).toBe(STORE.name);
    expect(await merchant.text('#apply-status')).toContain('食品');
    await expectClean(merchant);

    // ------------------------------------------------ 2. the super admin approves the application
    const admin = await openApp(browser, 'catalog-flow-admin', { locale: 'zh-CN' });
    const a = admin.page;
    await admin.open('/pages/login/index', '#login-method-email');
    await signInWithEmail(admin, SUPER_ADMIN.email, SUPER_ADMIN.password);
    await a.locator('#me-admin-link').click();
    await a.locator('#admin-tile-applications').click();
    await a.locator('#applications-list').waitFor();
    await showRow(a, `#application-item-${application.id}`, '#applications-more', '/admin/merchant-applications');
    await admin.shot('application-queue');
    expect(await a.locator(`#application-item-${application.id}`).innerText()).toContain(STORE.name);
    await a.locator(`#application-item-${application.id}`).click();
    await a.locator('#application-approve').waitFor();
    await a.locator('#page-admin-application img').first().waitFor();
    await admin.shot('application-detail');
    expect(await a.locator('#page-admin-application').innerText()).toContain(STORE.licence);
    const approvedStore = apiResponse(a, 'POST', `/admin/merchant-applications/${application.id}/approve`);
    await a.locator('#application-approve').click();
    await confirmModal(a);
    const approvedStoreAnswer = await approvedStore;
    expect(approvedStoreAnswer.status()).toBe(200);
    const merchantId = ((await approvedStoreAnswer.json()) as { merchant: { id: string } }).merchant.id;
    // Back on the queue (it reloads when shown again): the application has left it.
    await a.locator('#page-admin-applications').waitFor();
    await a.locator(`#application-item-${application.id}`).waitFor({ state: 'detached' });
    await admin.shot('application-approved-back-to-queue');
    await expectClean(admin);

    // ------------------------------------------------ 3. the merchant has the store and creates a product
    await m.reload();
    await m.locator('#apply-dashboard').waitFor();
    await merchant.shot('application-approved');
    expect(await merchant.text('#apply-status-title')).toBe(zh['merchant.apply.status.approved']);
    await m.locator('#apply-dashboard').click();
    await m.locator('#merchant-name').waitFor();
    await merchant.shot('merchant-dashboard');
    expect(await merchant.text('#merchant-name')).toBe(STORE.name);
    expect(await merchant.text('#merchant-status')).toBe(zh['merchant.status.open']);
    expect(await merchant.text('#merchant-role')).toBe(zh['role.merchant.owner']);
    expect(m.url()).toContain(`merchantId=${merchantId}`);

    await m.locator('#dash-new-product').click();
    await m.locator('#pe-title').waitFor();
    await fill(m, 'pe-title', PRODUCT.title);
    await fill(m, 'pe-description', PRODUCT.description);
    await m.locator('#pe-category-toggle').click();
    await m.locator(`#pe-category-option-${FOOD}`).click();
    await m.locator(`#pe-category-option-${SNACKS}`).click();
    await pickFile(m, '#pe-images-add', productPng);
    await m.locator('#pe-images-item-0 img').waitFor();
    await merchant.shot('product-basics-and-image');
    for (const [d, spec] of PRODUCT.specs.entries()) {
      await m.locator('#pe-spec-add').click();
      await fill(m, `pe-spec-name-${d}`, spec.name);
      for (const [v, value] of spec.values.entries()) {
        if (v > 0) await m.locator(`#pe-spec-${d}-add-value`).click();
        await fill(m, `pe-spec-${d}-value-${v}`, value);
      }
    }
    await m.locator('#pe-specs').scrollIntoViewIfNeeded();
    await merchant.shot('product-specs');
    expect(await merchant.text('#pe-matrix-size')).toBe(formatMessage(zh['merchant.product.matrix_size'], { n: 4 }));
    for (const [i, sku] of PRODUCT.skus.entries()) {
      expect(await merchant.text(`#pe-sku-${i}-label`)).toBe(sku.label);
      await fill(m, `pe-sku-${i}-code`, sku.code);
      await fill(m, `pe-sku-${i}-price`, sku.price);
      await fill(m, `pe-sku-${i}-stock`, String(sku.stock));
    }
    await m.locator('#pe-sku-3').scrollIntoViewIfNeeded();
    await merchant.shot('product-sku-matrix');
    const created = apiResponse(m, 'POST', `/merchants/${merchantId}/products`);
    const submitted = apiResponseMatching(m, 'POST', new RegExp(`^/merchants/${merchantId}/products/[^/]+/submit$`));
    await m.locator('#pe-submit').click();
    const createdAnswer = await created;
    expect(createdAnswer.status()).toBe(201);
    const product = (await createdAnswer.json()) as MerchantProductView;
    expect((await submitted).status()).toBe(200);
    await m.locator(`#product-${product.id}`).waitFor();
    await merchant.shot('products-in-review');
    expect(await m.locator(`#product-${product.id}`).innerText()).toContain(zh['merchant.product.status.submitted']);
    expect(product.skus.map((s) => [s.code, s.price.amount, s.stock])).toEqual(PRODUCT.skus.map((s) => [s.code, s.amount, s.stock]));
    const currency = product.skus[0]!.price.currency;
    await expectClean(merchant);

    // ------------------------------------------------ 4. the admin approves the product in the review queue
    await admin.open('/admin/pages/entry/index', '#admin-tile-products');
    await a.locator('#admin-tile-products').click();
    await a.locator('#products-list').waitFor();
    await showRow(a, `#review-item-${product.id}`, '#products-more', '/admin/products/review');
    await admin.shot('product-review-queue');
    await a.locator(`#review-item-${product.id}`).click();
    await a.locator('#product-approve').waitFor();
    await admin.shot('product-review-detail');
    expect(await a.locator('#page-admin-product').innerText()).toContain(PRODUCT.title);
    const approvedProduct = apiResponse(a, 'POST', `/admin/products/${product.id}/approve`);
    await a.locator('#product-approve').click();
    await confirmModal(a);
    expect((await approvedProduct).status()).toBe(200);
    await a.locator('#page-admin-products').waitFor();
    await a.locator(`#review-item-${product.id}`).waitFor({ state: 'detached' });
    await admin.shot('product-approved-back-to-queue');
    await expectClean(admin);
    await admin.close();

    // ------------------------------------------------ 5. a shopper finds it by its Chinese name and picks SKUs
    const shopper = await openApp(browser, 'catalog-flow-shopper', { locale: 'zh-CN' });
    const s = shopper.page;
    await shopper.open('/pages/home/index', '#home-search');
    await s.locator('#home-search').click();
    await s.locator('#search-input').waitFor();
    await fill(s, 'search-input', KEYWORD);
    await shopper.shot('search-typed');
    // Scoped to the search page: the home page under it (H5 keeps it in the DOM) may list the product as new.
    const card = s.locator(`#page-search #product-card-${product.id}`);
    const first = apiResponse(s, 'GET', '/search');
    await s.locator('#search-submit').click();
    await first;
    // Newest first: earlier runs on a reused stack also sell 琥珀核桃酥.
    const newest = apiResponse(s, 'GET', '/search');
    await s.locator('#sort-newest').click();
    await newest;
    // The index follows the approval through the table's stream: search again until the product shows.
    const deadline = Date.now() + INDEX_WAIT_MS;
    while ((await card.count()) === 0 && Date.now() < deadline) {
      await s.waitForTimeout(1_000);
      const again = apiResponse(s, 'GET', '/search');
      await s.locator('#search-submit').click();
      await again;
    }
    await card.waitFor({ timeout: 1_000 });
    await shopper.shot('search-results');
    expect(await card.innerText()).toContain(PRODUCT.title);
    expect(await s.locator('#search-count').count()).toBe(1);

    await card.click();
    await s.locator('#sku-selector').waitFor();
    await shopper.shot('product-detail');
    expect(await shopper.text('#product-title')).toBe(PRODUCT.title);
    expect(await shopper.text('#product-store-name')).toBe(STORE.name);
    expect(await shopper.text('#sku-dim-0')).toContain(PRODUCT.specs[0]!.name);
    expect(await shopper.text('#sku-dim-1')).toContain(PRODUCT.specs[1]!.name);

    // Price, chips and stock in one screen (the stock line is under the bottom bar otherwise).
    await s.mouse.move(187, 300);
    await s.mouse.wheel(0, 200);
    await s.waitForTimeout(300);
    // Every SKU through its chips: 口味 first, then 规格 (a tap on another value of a dimension replaces its choice).
    for (const [i, sku] of PRODUCT.skus.entries()) {
      const [flavour, size] = [Math.floor(i / 2), i % 2];
      for (const [dim, value] of [
        [0, flavour],
        [1, size],
      ] as const) {
        const chip = s.locator(`#sku-chip-${dim}-${value}`);
        if ((await chip.getAttribute('data-state')) !== 'selected') await chip.click();
      }
      await s.locator(`#sku-price[data-amount="${sku.amount}"]`).waitFor();
      await shopper.shot(`sku-${sku.code}`);
      expect(await shopper.text('#sku-price')).toBe(formatMoney({ amount: sku.amount, currency }, 'zh-CN'));
      expect(await s.locator('#sku-stock').getAttribute('data-stock')).toBe(String(sku.stock));
      expect(await shopper.text('#sku-stock')).toBe(formatMessage(zh['shop.stock'], { count: sku.stock }));
      expect(await shopper.text('#sku-selected')).toBe(formatMessage(zh['shop.selected_specs'], { values: sku.label }));
      expect(await s.locator(`#sku-chip-0-${flavour}`).getAttribute('data-state')).toBe('selected');
      expect(await s.locator(`#sku-chip-1-${size}`).getAttribute('data-state')).toBe('selected');
    }
    await expectClean(shopper);
    await shopper.close();
    await merchant.close();
  });
});
