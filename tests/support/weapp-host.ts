/**
 * Runs the compiled WeChat build (miniapp/dist/weapp) in Node, the way the WeChat client does: a fake
 * `wx` whose APIs are own keys (Taro enumerates them), `App`, `Page`, `Component`, `getApp`,
 * `getCurrentPages`, each file a module with its own `require`, storage in memory, a page stack, and
 * `setData` applied path by path to each page's `data`. `wx.request` is real HTTP to the local API and
 * `wx.login` asks the WeChat simulator for a code. Also: the WXML compiler (WeChat's wcc).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { SIMS } from './api-client';

const ROOT = join(__dirname, '..', '..');
export const WEAPP_DIST = join(ROOT, 'miniapp', 'dist', 'weapp');

// ---------------------------------------------------------------------------------------------
// The build and app.json

export interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  tabBar?: { list: { pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }[] };
}

export const readAppJson = (): AppJson => JSON.parse(readFileSync(join(WEAPP_DIST, 'app.json'), 'utf8')) as AppJson;

/** Every page path of app.json, subpackage pages prefixed with their root. */
export const allPages = (app: AppJson): string[] => [...app.pages, ...(app.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];

/** Builds dist/weapp when it is absent (`npm test` builds it before this runs). One builder at a time. */
export async function ensureWeappBuild(): Promise<void> {
  if (existsSync(join(WEAPP_DIST, 'app.json'))) return;
  const lock = join(ROOT, 'miniapp', 'dist', '.weapp-build-lock');
  mkdirSync(dirname(lock), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(join(WEAPP_DIST, 'app.json'))) return;
      if (Date.now() > deadline) throw new Error(`another weapp build holds ${lock}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    if (existsSync(join(WEAPP_DIST, 'app.json'))) return;
    const build = spawnSync('npm', ['run', '-s', 'build:weapp'], { cwd: ROOT, encoding: 'utf8', timeout: 110_000 });
    if (build.status !== 0) throw new Error(`npm run build:weapp failed:\n${(build.stdout + build.stderr).slice(-3000)}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Sizes in bytes of every file under `dir`, keyed by path relative to it. */
export function fileSizes(dir: string): Map<string, number> {
  const sizes = new Map<string, number>();
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else sizes.set(relative(dir, p), statSync(p).size);
    }
  };
  walk(dir);
  return sizes;
}

// ---------------------------------------------------------------------------------------------
// WXML: WeChat's own compiler

/** A node of wcc's rendered virtual tree: `{tag, attr, children}` or a text string. */
export type WxmlNode = string | { tag: string; attr?: Record<string, unknown>; children?: WxmlNode[] };

export interface CompiledWxml {
  /** The wxml files that compiled to a render function. */
  has(wxmlPath: string): boolean;
  /** Renders a page's template with `data`; `warnings` are what the template engine complained about. */
  render(wxmlPath: string, data: unknown): { tree: WxmlNode; warnings: string[] };
}

interface MiniprogramCompiler {
  wxmlToJs(rootPath: string, options?: { maxBuffer?: number }): string;
}

/**
 * Compiles every .wxml and .wxs under `root` with wcc (throws on a compile error) and evaluates the
 * result in its own context: the generated code expects `window` and must not leak it into the app's.
 */
export function compileWxml(root = WEAPP_DIST): CompiledWxml {
  const compiler = createRequire(__filename)('miniprogram-compiler') as MiniprogramCompiler;
  const source = compiler.wxmlToJs(root, { maxBuffer: 32 * 1024 * 1024 });
  const warnings: string[] = [];
  const record = (...args: unknown[]): void => void warnings.push(args.map(String).join(' '));
  const sandbox: Record<string, unknown> = { console: { log: record, warn: record, error: record, info: record, debug: record } };
  sandbox.window = sandbox;
  const gwx = runInNewContext(`(function (global) {\n${source}\n})({})`, sandbox) as (path: string) => ((data: unknown) => unknown) | undefined;
  return {
    has: (wxmlPath) => typeof gwx(wxmlPath) === 'function',
    render(wxmlPath, data) {
      const generate = gwx(wxmlPath);
      if (typeof generate !== 'function') throw new Error(`${wxmlPath} did not compile`);
      warnings.length = 0;
      sandbox.__data = JSON.stringify(data);
      // Data from this realm would fail the engine's own type checks: hand it over as JSON.
      const tree = JSON.parse(JSON.stringify(generate(runInNewContext('JSON.parse(__data)', sandbox)))) as WxmlNode;
      return { tree, warnings: [...warnings] };
    },
  };
}

/** The text under the rendered element with this id, or undefined when none is rendered. */
export function renderedText(tree: WxmlNode, id: string): string | undefined {
  if (typeof tree === 'string') return undefined;
  if (tree.attr?.id === id) return textOf(tree);
  for (const child of tree.children ?? []) {
    const found = renderedText(child, id);
    if (found !== undefined) return found;
  }
  return undefined;
}

const textOf = (node: WxmlNode): string => (typeof node === 'string' ? node : (node.children ?? []).map(textOf).join(''));

// ---------------------------------------------------------------------------------------------
// The page data Taro sends with setData

/** A node of the tree Taro keeps in `data.root`: `uid` is the component's id, `v` a text's value. */
export interface TaroNode {
  nn?: string;
  sid?: string;
  uid?: string;
  v?: string;
  cl?: string;
  cn?: TaroNode[];
}

type Json = Record<string | number, unknown>;

/** `root.cn.[0].cn.[2].v` (and `root.cn[0]`) -> ['root', 'cn', 0, 'cn', 2, 'v']. */
export function splitDataPath(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  for (const segment of path.split('.')) {
    const match = /^([^[]*)((?:\[\d+\])*)$/.exec(segment);
    if (!match) throw new Error(`unexpected setData path ${path}`);
    if (match[1]) keys.push(match[1]);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) keys.push(Number(index[1]));
  }
  return keys;
}

/** What WeChat does with `setData({path: value})`: sets the value at the path, creating parents. */
export function applySetData(data: Json, patch: Record<string, unknown>): void {
  for (const [path, value] of Object.entries(patch)) {
    const keys = splitDataPath(path);
    let target: Json = data;
    keys.slice(0, -1).forEach((key, i) => {
      if (typeof target[key] !== 'object' || target[key] === null) target[key] = typeof keys[i + 1] === 'number' ? [] : {};
      target = target[key] as Json;
    });
    target[keys[keys.length - 1]!] = cloneData(value);
  }
}

/** WeChat serialises data between the logic and view layers: pages never share objects with it. */
const cloneData = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

export function findNode(node: TaroNode | undefined, id: string): TaroNode | undefined {
  if (!node) return undefined;
  if (node.uid === id) return node;
  for (const child of node.cn ?? []) {
    const found = findNode(child, id);
    if (found) return found;
  }
  return undefined;
}

const nodeText = (node: TaroNode): string => (node.v ?? '') + (node.cn ?? []).map(nodeText).join('');

const nodeIds = (node: TaroNode | undefined): string[] => (node ? [...(node.uid ? [node.uid] : []), ...(node.cn ?? []).flatMap(nodeIds)] : []);

// ---------------------------------------------------------------------------------------------
// The fake WeChat client

type Hook = (this: PageInstance, ...args: unknown[]) => unknown;
type PageConfig = Record<string, unknown> & { data?: Json };

interface PageInstance extends Record<string, unknown> {
  route: string;
  __route__: string;
  options: Record<string, string>;
  data: Json;
  setData(patch: Record<string, unknown>, callback?: () => void): void;
}

interface Callbacks {
  success?: (res: Record<string, unknown>) => void;
  fail?: (err: { errMsg: string }) => void;
  complete?: (res: Record<string, unknown>) => void;
}

interface RequestOptions extends Callbacks {
  url: string;
  method?: string;
  data?: unknown;
  header?: Record<string, string>;
  timeout?: number;
  dataType?: string;
}

/** One `wx.request` as the app sent it and the API answered it. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  status?: number;
  response?: unknown;
  error?: string;
}

/** One page on the stack, read through its data the way the WXML template renders it. */
export class PageView {
  constructor(
    readonly instance: PageInstance,
    private readonly host: WeappHost,
  ) {}

  get route(): string {
    return this.instance.route;
  }

  private get root(): TaroNode | undefined {
    return (this.instance.data.root as TaroNode | undefined)?.cn?.[0];
  }

  has(id: string): boolean {
    return findNode(this.root, id) !== undefined;
  }

  /** The text content of the element with this id (undefined when it is not rendered). */
  text(id: string): string | undefined {
    const node = findNode(this.root, id);
    return node ? nodeText(node) : undefined;
  }

  ids(): string[] {
    return nodeIds(this.root);
  }

  /** A tap as WeChat delivers it: through the page's `eh` handler, currentTarget = the rendered node. */
  tap(id: string): void {
    const node = findNode(this.root, id);
    if (!node) throw new Error(`#${id} is not on ${this.route}; rendered ids: ${this.ids().join(', ')}`);
    const target = { id: node.uid ?? node.sid, dataset: { sid: node.sid }, offsetLeft: 0, offsetTop: 0 };
    this.host.call(this.instance, 'eh', {
      type: 'tap',
      timeStamp: Date.now(),
      target,
      currentTarget: target,
      detail: { x: 1, y: 1 },
      touches: [],
      changedTouches: [],
      mark: {},
    });
  }
}

/** What wx.requestPayment takes (WeChat adds the app id itself). */
export interface PaymentArguments {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

export interface HostOptions {
  /** What `wx.getSystemInfoSync().language` says (WeChat uses `zh_CN`, `en`). */
  language?: string;
  /** The openid the WeChat simulator signs `wx.login` codes for (a fresh one by default). */
  openid?: string;
  /** What the shopper answers in wx.requestSubscribeMessage for each template id ('accept' unless said). */
  subscribeAnswer?: (templateId: string) => 'accept' | 'reject' | 'ban';
}

/** A fresh WeChat client with the compiled app loaded: its own modules, storage and page stack. */
export class WeappHost {
  readonly storage = new Map<string, unknown>();
  readonly requests: RecordedRequest[] = [];
  readonly toasts: string[] = [];
  readonly errors: unknown[] = [];
  /** The tab bar's badges by tab index (the cart's line count). */
  readonly badges = new Map<number, string>();
  /** The arguments of every wx.requestPayment call. */
  readonly payments: PaymentArguments[] = [];
  /** The template ids of every wx.requestSubscribeMessage call. */
  readonly subscribeRequests: string[][] = [];
  private readonly modules = new Map<string, { exports: unknown }>();
  private readonly registered = new Map<string, PageConfig>();
  private readonly stack: PageView[] = [];
  private app: Record<string, unknown> | undefined;
  private loadingRoute: string | undefined;
  private readonly tabs: string[];

  constructor(private readonly options: HostOptions = {}) {
    this.tabs = (readAppJson().tabBar?.list ?? []).map((t) => t.pagePath);
  }

  /** App.onLaunch + onShow, then the entry page (the first of app.json unless given). */
  launch(entry = readAppJson().pages[0]!): PageView {
    this.require(join(WEAPP_DIST, 'app.js'));
    if (!this.app) throw new Error('app.js did not call App()');
    const options = { path: entry, query: {}, scene: 1001, referrerInfo: {} };
    this.call(this.app, 'onLaunch', options);
    this.call(this.app, 'onShow', options);
    return this.open(entry);
  }

  /** The page on top of the stack. */
  current(): PageView {
    const top = this.stack[this.stack.length - 1];
    if (!top) throw new Error('no page is open');
    return top;
  }

  routes(): string[] {
    return this.stack.map((p) => p.route);
  }

  /** Polls `probe` until it returns a value (not undefined/false); fails with `what` after `timeoutMs`. */
  async waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined && value !== false) return value;
      if (this.errors.length) throw new Error(`the app failed while waiting for ${what}: ${String(this.errors[0])}`);
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; pages: ${this.routes().join(' > ')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Calls a lifecycle hook or handler if the object has it (WeChat calls them with the instance as `this`). */
  call(target: Record<string, unknown>, name: string, ...args: unknown[]): unknown {
    const fn = target[name];
    if (typeof fn !== 'function') return undefined;
    try {
      return (fn as Hook).apply(target as PageInstance, args);
    } catch (err) {
      this.errors.push(err);
      throw err;
    }
  }

  // --- pages and navigation ---------------------------------------------------------------

  /** Opens a page the way wx.navigateTo does: onHide on the old top, onLoad/onShow/onReady on the new. */
  open(url: string): PageView {
    const { route, query } = parseUrl(url);
    const previous = this.stack[this.stack.length - 1];
    if (previous) this.call(previous.instance, 'onHide');
    const view = new PageView(this.instantiate(route, query), this);
    this.stack.push(view);
    this.call(view.instance, 'onLoad', query);
    this.call(view.instance, 'onShow');
    this.call(view.instance, 'onReady');
    return view;
  }

  private back(delta = 1): void {
    for (let i = 0; i < delta && this.stack.length > 1; i++) this.call(this.stack.pop()!.instance, 'onUnload');
    this.call(this.current().instance, 'onShow');
  }

  private switchTab(url: string): void {
    const { route } = parseUrl(url);
    while (this.stack.length > 0 && !this.tabs.includes(this.current().route)) this.call(this.stack.pop()!.instance, 'onUnload');
    const existing = this.stack.find((p) => p.route === route);
    if (existing) {
      this.call(this.current().instance, 'onHide');
      this.stack.splice(this.stack.indexOf(existing), 1);
      this.stack.push(existing);
      this.call(existing.instance, 'onShow');
    } else this.open(url);
  }

  private instantiate(route: string, query: Record<string, string>): PageInstance {
    if (!this.registered.has(route)) {
      this.loadingRoute = route;
      this.require(join(WEAPP_DIST, `${route}.js`));
      this.loadingRoute = undefined;
    }
    const config = this.registered.get(route);
    if (!config) throw new Error(`${route}.js did not call Page()`);
    const instance = Object.fromEntries(Object.entries(config).map(([k, v]) => [k, k === 'data' ? cloneData(v) : v])) as PageInstance;
    instance.data ??= {};
    instance.route = route;
    instance.__route__ = route;
    instance.options = query;
    instance.setData = (patch, callback) => {
      applySetData(instance.data, patch);
      if (callback) setTimeout(callback, 0);
    };
    return instance;
  }

  // --- modules ------------------------------------------------------------------------------

  /** WeChat's module system: every file a function of (module, exports, require) plus the client's globals. */
  private require(file: string): unknown {
    const path = file.endsWith('.js') ? file : `${file}.js`;
    const cached = this.modules.get(path);
    if (cached) return cached.exports;
    const module = { exports: {} as unknown };
    this.modules.set(path, module);
    const globals = this.globals();
    const body = `${readFileSync(path, 'utf8')}\n//# sourceURL=${path}`;
    const factory = new Function('module', 'exports', 'require', ...Object.keys(globals), body) as (...args: unknown[]) => void;
    factory(module, module.exports, (p: string) => this.require(resolve(dirname(path), p)), ...Object.values(globals));
    return module.exports;
  }

  private globals(): Record<string, unknown> {
    return {
      wx: this.wx,
      App: (config: Record<string, unknown>) => void (this.app = config),
      Page: (config: PageConfig) => {
        if (!this.loadingRoute) throw new Error('Page() called outside a page file');
        this.registered.set(this.loadingRoute, config);
      },
      Component: () => undefined,
      getApp: () => this.app,
      getCurrentPages: () => this.stack.map((p) => p.instance),
      // the app's timers, so close() can stop what its pages left running (a countdown, a poll)
      setTimeout: (fn: () => void, ms?: number) => this.track(setTimeout(fn, ms)),
      setInterval: (fn: () => void, ms?: number) => this.track(setInterval(fn, ms)),
      clearTimeout: (t: NodeJS.Timeout) => this.untrack(t),
      clearInterval: (t: NodeJS.Timeout) => this.untrack(t),
    };
  }

  private readonly timers = new Set<NodeJS.Timeout>();

  private track(t: NodeJS.Timeout): NodeJS.Timeout {
    this.timers.add(t);
    return t;
  }

  private untrack(t: NodeJS.Timeout | undefined): void {
    if (t === undefined) return;
    clearTimeout(t);
    this.timers.delete(t);
  }

  /** Unloads every page and stops the app's timers, as closing the mini-program does (the test process can then exit). */
  close(): void {
    while (this.stack.length) this.call(this.stack.pop()!.instance, 'onUnload');
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  // --- wx -----------------------------------------------------------------------------------

  /** The client APIs the app uses, as own keys. Callbacks run asynchronously, as on a phone. */
  private readonly wx: Record<string, unknown> = {
    getSystemInfoSync: () => this.systemInfo(),
    getWindowInfo: () => this.systemInfo(),
    getDeviceInfo: () => this.systemInfo(),
    getAppBaseInfo: () => this.systemInfo(),
    canIUse: () => true,
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    getStorageSync: (key: string) => (this.storage.has(key) ? cloneData(this.storage.get(key)) : ''),
    setStorageSync: (key: string, value: unknown) => void this.storage.set(key, cloneData(value)),
    removeStorageSync: (key: string) => void this.storage.delete(key),
    clearStorageSync: () => this.storage.clear(),
    request: (o: RequestOptions) => this.request(o),
    login: (o: Callbacks) => void this.login(o),
    requestPayment: (o: Callbacks & PaymentArguments) => void this.requestPayment(o),
    // WeChat shows its consent dialog; answered per template id by options.subscribeAnswer
    requestSubscribeMessage: (o: Callbacks & { tmplIds: string[] }) => {
      this.subscribeRequests.push([...o.tmplIds]);
      if (o.tmplIds.length === 0 || o.tmplIds.length > 3) return fail(o, 'requestSubscribeMessage:fail invalid tmplIds');
      const answer = this.options.subscribeAnswer ?? (() => 'accept' as const);
      succeed(o, { errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(o.tmplIds.map((id) => [id, answer(id)])) });
    },
    showToast: (o: Callbacks & { title: string }) => {
      this.toasts.push(o.title);
      succeed(o, {});
    },
    hideToast: (o: Callbacks) => succeed(o, {}),
    showLoading: (o: Callbacks) => succeed(o, {}),
    hideLoading: (o: Callbacks) => succeed(o, {}),
    setNavigationBarTitle: (o: Callbacks) => succeed(o, {}),
    setTabBarItem: (o: Callbacks) => succeed(o, {}),
    setTabBarBadge: (o: Callbacks & { index: number; text: string }) => {
      this.badges.set(o.index, o.text);
      succeed(o, {});
    },
    removeTabBarBadge: (o: Callbacks & { index: number }) => {
      this.badges.delete(o.index);
      succeed(o, {});
    },
    navigateTo: (o: Callbacks & { url: string }) => this.navigate(o, () => void this.open(o.url)),
    redirectTo: (o: Callbacks & { url: string }) =>
      this.navigate(o, () => {
        this.call(this.stack.pop()!.instance, 'onUnload');
        this.open(o.url);
      }),
    navigateBack: (o: Callbacks & { delta?: number }) => this.navigate(o, () => this.back(o.delta)),
    switchTab: (o: Callbacks & { url: string }) => this.navigate(o, () => this.switchTab(o.url)),
    reLaunch: (o: Callbacks & { url: string }) =>
      this.navigate(o, () => {
        while (this.stack.length) this.call(this.stack.pop()!.instance, 'onUnload');
        this.open(o.url);
      }),
  };

  private systemInfo(): Record<string, unknown> {
    const size = { windowWidth: 375, windowHeight: 667, screenWidth: 375, screenHeight: 667, pixelRatio: 2, statusBarHeight: 20 };
    return { ...size, language: this.options.language ?? 'zh_CN', platform: 'devtools', SDKVersion: '3.4.0', version: '8.0.50', model: 'node', system: 'node' };
  }

  private navigate(o: Callbacks, move: () => void): void {
    setTimeout(() => {
      try {
        move();
        o.success?.({ errMsg: 'ok' });
      } catch (err) {
        o.fail?.({ errMsg: `navigation:fail ${String(err)}` });
      }
      o.complete?.({});
    }, 0);
  }

  /**
   * wx.requestPayment: the shopper confirms in the pay sheet. WeChat checks paySign against the
   * merchant's key before it charges: the simulator does (`/_sim/wechatpay/pay`), then pays and notifies.
   */
  private async requestPayment(o: Callbacks & PaymentArguments): Promise<void> {
    const args: PaymentArguments = { timeStamp: o.timeStamp, nonceStr: o.nonceStr, package: o.package, signType: o.signType, paySign: o.paySign };
    this.payments.push(args);
    try {
      const res = await fetch(`${SIMS}/_sim/wechatpay/pay`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
      if (!res.ok) throw new Error(`simulator answered ${res.status}: ${await res.text()}`);
      succeed(o, { errMsg: 'requestPayment:ok' });
    } catch (err) {
      fail(o, `requestPayment:fail ${String(err)}`);
    }
  }

  /** wx.login: a single-use code from the WeChat simulator, as jscode2session will accept it. */
  private async login(o: Callbacks): Promise<void> {
    try {
      const res = await fetch(`${SIMS}/_sim/wechat/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(this.options.openid ? { openid: this.options.openid } : {}),
      });
      const { code } = JSON.parse(await res.text()) as { code?: string };
      if (!res.ok || !code) throw new Error(`simulator answered ${res.status}`);
      succeed(o, { code, errMsg: 'login:ok' });
    } catch (err) {
      fail(o, `login:fail ${String(err)}`);
    }
  }

  /** wx.request over real HTTP: JSON body for objects, query string for GET, parsed JSON answer. */
  private request(o: RequestOptions): { abort(): void } {
    const method = (o.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = { ...o.header };
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
    const record: RecordedRequest = { method, url: o.url, headers, body: o.data };
    this.requests.push(record);
    const controller = new AbortController();
    const url = method === 'GET' && isPlainObject(o.data) ? withQuery(o.url, o.data) : o.url;
    const body = method === 'GET' || o.data === undefined ? undefined : typeof o.data === 'string' ? o.data : JSON.stringify(o.data);
    const timer = setTimeout(() => controller.abort(), o.timeout ?? 60_000);
    fetch(url, { method, headers, body, signal: controller.signal })
      .then(async (res) => {
        const text = await res.text();
        record.status = res.status;
        record.response = o.dataType === 'json' || o.dataType === undefined ? parseJsonOr(text) : text;
        succeed(o, { statusCode: res.status, data: record.response, header: Object.fromEntries(res.headers.entries()), errMsg: 'request:ok' });
      })
      .catch((err: unknown) => {
        record.error = String(err);
        fail(o, `request:fail ${String(err)}`);
      })
      .finally(() => clearTimeout(timer));
    return { abort: () => controller.abort() };
  }
}

const succeed = (o: Callbacks, res: Record<string, unknown>): void =>
  void setTimeout(() => {
    o.success?.(res);
    o.complete?.(res);
  }, 0);

const fail = (o: Callbacks, errMsg: string): void =>
  void setTimeout(() => {
    o.fail?.({ errMsg });
    o.complete?.({ errMsg });
  }, 0);

function parseUrl(url: string): { route: string; query: Record<string, string> } {
  const [path, search = ''] = url.replace(/^\//, '').split('?');
  return { route: path!, query: Object.fromEntries(new URLSearchParams(search)) };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function withQuery(url: string, data: Record<string, unknown>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(data)) if (v !== undefined && v !== null) u.searchParams.set(k, String(v));
  return u.toString();
}

function parseJsonOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
