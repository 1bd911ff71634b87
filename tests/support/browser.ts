/**
 * Chromium on the H5 build served by the local stack (STACK.md "Testing what the user sees"): a
 * phone-sized page per test, screenshots per step under test-artifacts/e2e/<test>/, and the sign-in
 * steps a person takes. Selectors are the ids of miniapp/README.md.
 * Every page a test visits is checked with axe-core (WCAG 2.x A/AA): `open()`, the first `shot()` of
 * each page and `close()` run it, and any critical or serious violation fails the test.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';
import { CATALOG } from '@wxshop/shared/i18n/messages';
import type { Language } from '@wxshop/shared';
import { API, latestSmsCode, noteSubject } from './api-client';

export const H5 = process.env.H5_URL ?? 'http://127.0.0.1:8080';
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'e2e');

/** A fresh headless Chromium; Playwright gives every launch its own temporary --user-data-dir. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** What the app keeps signed in on the device (`wxshop.session`). */
export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  profile: { id: string; nickname: string; roles: Record<string, unknown> } & Record<string, unknown>;
}

export interface AppPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught exceptions in the page. */
  errors: string[];
  /** Screenshot into test-artifacts/e2e/<test>/<nn>-<step>.png; the first on a page also runs `axe()`. */
  shot(step: string): Promise<void>;
  /** Opens an app path (`/pages/me/index`), waits for the selector and runs `axe()`. */
  open(path: string, selector: string): Promise<void>;
  /** axe-core on the page as it is now: throws on any critical or serious WCAG 2 A/AA violation. */
  axe(step?: string): Promise<void>;
  /** The trimmed visible text of the first element matching the selector. */
  text(selector: string): Promise<string>;
  /** What the app has stored on the device under a storage key (Taro keeps `{data: value}`). */
  stored(key: string): Promise<unknown>;
  close(): Promise<void>;
}

export interface AppPageOptions {
  /** The browser's language: the app's language unless one was chosen. */
  locale?: string;
  /** Starts signed in with this session already on the device. */
  session?: StoredSession;
  /** Starts with this language chosen on the device. */
  language?: Language;
}

/** A phone-sized browser tab on the H5 app; screenshots go to test-artifacts/e2e/<name>/. */
export async function openApp(browser: Browser, name: string, options: AppPageOptions = {}): Promise<AppPage> {
  const localStorage = [
    ...(options.session ? [{ name: 'wxshop.session', value: JSON.stringify({ data: options.session }) }] : []),
    ...(options.language ? [{ name: 'wxshop.language', value: JSON.stringify({ data: options.language }) }] : []),
  ];
  const context = await browser.newContext({
    viewport: { width: 375, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: options.locale ?? 'zh-CN',
    storageState: { cookies: [], origins: localStorage.length ? [{ origin: H5, localStorage }] : [] },
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const dir = join(ARTIFACTS, slug(name));
  noteSubject('tabs', slug(name));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let step = 0;
  /** Pages (path without query) already checked by axe in this tab: one check per page keeps the suite fast. */
  const checked = new Set<string>();
  const axe = async (label?: string): Promise<void> => {
    checked.add(routeOf(page.url()));
    await assertAccessible(page, label ?? page.url());
  };
  return {
    page,
    context,
    errors,
    async shot(name) {
      step += 1;
      await page.screenshot({ path: join(dir, `${String(step).padStart(2, '0')}-${slug(name)}.png`), animations: 'disabled' });
      if (!checked.has(routeOf(page.url()))) await axe(`${routeOf(page.url())} (step "${name}")`);
    },
    async open(path, selector) {
      await page.goto(`${H5}${path}`);
      await page.locator(selector).first().waitFor();
      await axe(path);
    },
    axe,
    text: async (selector) => (await page.locator(selector).first().innerText()).trim(),
    async stored(key) {
      const state = await context.storageState();
      const item = state.origins.find((o) => o.origin === H5)?.localStorage.find((i) => i.name === key);
      return item ? (JSON.parse(item.value) as { data: unknown }).data : undefined;
    },
    async close() {
      try {
        if (!page.isClosed() && page.url().startsWith(H5) && !checked.has(routeOf(page.url()))) await axe(`${routeOf(page.url())} (at close)`);
      } finally {
        await context.close();
      }
    },
  };
}

const routeOf = (url: string): string => url.split(/[?#]/)[0]!.replace(H5, '') || '/';

/** axe-core 4.14.1's browser build, injected into the page under test (no CDN, no network). */
let axeSource: string | undefined;
/** What WCAG 2 A/AA asks, as axe tags it. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const BLOCKING = new Set(['critical', 'serious']);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core (WCAG 2 A/AA) on the page and throws, listing every critical and serious
 * violation with up to three of its elements. Moderate and minor findings do not fail a test.
 */
export async function assertAccessible(page: Page, label: string): Promise<void> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async (tags) => {
    const { axe, document } = globalThis as unknown as { axe: { run(ctx: unknown, o: object): Promise<{ violations: AxeViolation[] }> }; document: unknown };
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  }, AXE_TAGS);
  const blocking = violations.filter((v) => v.impact && BLOCKING.has(v.impact));
  if (blocking.length === 0) return;
  const lines = blocking.map((v) => {
    const nodes = v.nodes
      .slice(0, 3)
      .map((n) => `      ${n.target.join(' ')}: ${(n.failureSummary ?? '').split('\n').slice(1).join(' ').trim()}`)
      .join('\n');
    return `  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} element${v.nodes.length === 1 ? '' : 's'})\n${nodes}`;
  });
  throw new Error(`axe-core found ${blocking.length} critical/serious accessibility violation(s) on ${label}:\n${lines.join('\n')}`);
}

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 80)
    .replace(/^-+|-+$/g, '');

/** Resolves with the API's answer to the next `METHOD path` call the page makes (`*` for any method but GET and OPTIONS). */
export function apiResponse(page: Page, method: string, path: string): Promise<Response> {
  const methodMatches = (m: string): boolean => (method === '*' ? m !== 'GET' && m !== 'OPTIONS' : m === method);
  return page.waitForResponse((r) => methodMatches(r.request().method()) && r.url().split('?')[0] === `${API}${path}`);
}

/** Makes the API unreachable for this browser context (every call fails like a dead network). */
export async function cutApi(context: BrowserContext): Promise<() => Promise<void>> {
  const pattern = `${API}/**`;
  await context.route(pattern, (route) => route.abort('connectionrefused'));
  return () => context.unroute(pattern);
}

/** Keeps every `METHOD path` answer waiting until `release()` (to see a loading state). */
export async function holdApi(context: BrowserContext, method: string, path: string): Promise<{ held: Promise<void>; release(): void }> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let heldOne!: () => void;
  const held = new Promise<void>((r) => (heldOne = r));
  await context.route(
    (url) => url.toString().split('?')[0] === `${API}${path}`,
    async (route) => {
      if (route.request().method() !== method) return route.fallback();
      heldOne();
      await released;
      await route.fallback();
    },
  );
  return { held, release };
}

/**
 * Signs in on the login page with a phone and the SMS code the simulator received, as a person
 * would. `phone` is E.164 (+86...); the form takes the 11 local digits.
 */
export async function signInWithSms(app: AppPage, phone: string): Promise<StoredSession['profile']> {
  noteSubject('phones', phone);
  const { page } = app;
  await page.locator('#login-phone input').fill(phone.replace(/^\+86/, ''));
  const sent = apiResponse(page, 'POST', '/auth/sms/send');
  await page.locator('#login-sms-send').click();
  const sentAnswer = await sent;
  if (sentAnswer.status() !== 200)
    throw new Error(`POST /auth/sms/send answered ${sentAnswer.status()} (limits: 1/min and 10/day per phone, 30/h per IP): ${await sentAnswer.text()}`);
  await page.locator('#login-sms-code input').fill(await latestSmsCode(phone));
  await app.shot('sms-code-entered');
  const signedIn = apiResponse(page, 'POST', '/auth/sms/login');
  await page.locator('#login-submit').click();
  const loginAnswer = await signedIn;
  if (loginAnswer.status() !== 200) throw new Error(`POST /auth/sms/login answered ${loginAnswer.status()}: ${await loginAnswer.text()}`);
  return ((await loginAnswer.json()) as { profile: StoredSession['profile'] }).profile;
}

/** Signs in on the login page with email + password; resolves with the API's token pair. */
export async function signInWithEmail(app: AppPage, email: string, password: string): Promise<StoredSession['profile']> {
  const { page } = app;
  await page.locator('#login-method-email').click();
  await page.locator('#login-email input').fill(email);
  await page.locator('#login-password input').fill(password);
  const signedIn = apiResponse(page, 'POST', '/auth/email/login');
  await page.locator('#login-submit').click();
  const answer = await signedIn;
  if (answer.status() !== 200) throw new Error(`POST /auth/email/login answered ${answer.status()}: ${await answer.text()}`);
  return ((await answer.json()) as { profile: StoredSession['profile'] }).profile;
}

const MESSAGE_KEYS = Object.keys(CATALOG.en);

/** Message keys (`me.title`) showing as text: a missing translation or a t() of a wrong key. */
export async function rawMessageKeys(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return MESSAGE_KEYS.filter((key) => text.includes(key));
}

/** Fills a Taro Input / Textarea by its id (the id is on the custom element: fill the inner field). */
export async function fillField(page: Page, id: string, value: string): Promise<void> {
  await page.locator(`#${id} input, #${id} textarea`).first().fill(value);
}

/** Taps what opens the browser's file chooser (a detached `<input type="file">`) and picks `file`. */
export async function pickFile(page: Page, trigger: string, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.locator(trigger).click();
  await (await chooser).setFiles(file);
}
