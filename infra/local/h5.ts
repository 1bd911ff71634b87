import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { ROOT } from './template';

const DIST = join(ROOT, 'miniapp', 'dist', 'h5');
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** The H5 build is stale when any source of the mini-program or shared/ is newer than it. */
export function h5BuildIsFresh(): boolean {
  const index = join(DIST, 'index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return (
    newestMtime(join(ROOT, 'miniapp', 'src')) < built &&
    newestMtime(join(ROOT, 'shared', 'src')) < built &&
    newestMtime(join(ROOT, 'miniapp', 'config')) < built
  );
}

/** Builds the H5 target pointing at `apiBase` (build-time configuration, as for a release). */
export function buildH5(apiBase: string, log: (m: string) => void): Promise<void> {
  log(`building the H5 app for ${apiBase} ...`);
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build:h5', '-w', 'miniapp'], {
      cwd: ROOT,
      env: { ...process.env, TARO_APP_API_BASE: apiBase, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`H5 build failed:\n${output.slice(-4000)}`))));
  });
}

/** Types a CDN compresses (text); images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.ico', '.ttf']);
/** Below this a compressed body saves less than its headers cost (CDNs use 1 KB or so). */
const MIN_COMPRESS_BYTES = 1024;

type Encoding = 'br' | 'gzip';
interface Variant {
  body: Buffer;
  etag: string;
}
/** Compressed copies, per file and encoding, for as long as the file's size and mtime stay the same. */
const variants = new Map<string, Promise<Variant>>();

function compress(file: string, encoding: Encoding, stamp: string): Promise<Variant> {
  const key = `${file}\0${encoding}`;
  const cached = variants.get(key);
  if (cached) return cached.then((v) => (v.etag.includes(stamp) ? v : (variants.delete(key), compress(file, encoding, stamp))));
  const made = readFile(file).then(async (raw) => {
    const body =
      encoding === 'br'
        ? await brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
        : await gzip(raw, { level: 9 });
    return { body, etag: `W/"${stamp}-${encoding}"` };
  });
  made.catch(() => variants.delete(key));
  variants.set(key, made);
  return made;
}

/**
 * The encoding a CDN would pick from Accept-Encoding: brotli before gzip, honouring `q=0`.
 * Identity when the client accepts neither.
 */
export function pickEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  const ok = (e: string): boolean => (accepted.get(e) ?? (accepted.has('*') ? accepted.get('*')! : 0)) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return undefined;
}

/** index.html (and the SPA fallback) is revalidated on every load; hashed assets are immutable. */
function cacheControl(target: string): string {
  return target.endsWith('index.html') ? 'no-cache' : /\.[0-9a-f]{8,}\./.test(target) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600';
}

/**
 * Serves the H5 build as a CDN would: brotli or gzip where the client accepts it (with
 * `Vary: Accept-Encoding`), immutable caching for content-hashed assets, `no-cache` plus an ETag
 * for index.html, and an SPA fallback: deep links in browser-mode routing get index.html. A missing
 * file with an extension (a stale chunk) is a 404, not index.html served as JavaScript.
 */
export function serveH5(port: number, dir: string = DIST): Promise<{ url: string; stop(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    void respond(dir, req, res).catch(() => {
      // NOTE: a rebuild replaces dist/h5 while we serve it: a missing file is a 503 for that request, not a crash.
      if (!res.headersSent) res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '2' });
      res.end('The H5 app is being rebuilt: reload in a moment.');
    });
  });
  // Compress the first screen's files ahead of the first visit (a CDN's cache is warm after one).
  void warm(dir);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stop: () => new Promise((r) => server.close(() => r())) }),
    );
  });
}

async function respond(dir: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  let path: string;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  const file = normalize(join(dir, path));
  const inside = file.startsWith(dir);
  const exists = inside && existsSync(file) && statSync(file).isFile();
  if (!exists && inside && extname(path) && !path.endsWith('.html')) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' }).end('Not found');
    return;
  }
  const target = exists ? file : join(dir, 'index.html');
  const stat = statSync(target);
  const ext = extname(target);
  const stamp = `${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}`;
  const headers: Record<string, string> = {
    'Content-Type': TYPES[ext] ?? 'application/octet-stream',
    'Cache-Control': cacheControl(target),
    'X-Content-Type-Options': 'nosniff',
  };
  const encoding = COMPRESSIBLE.has(ext) && stat.size >= MIN_COMPRESS_BYTES ? pickEncoding(req.headers['accept-encoding']) : undefined;
  if (COMPRESSIBLE.has(ext)) headers.Vary = 'Accept-Encoding';
  let body: Buffer;
  let etag: string;
  if (encoding) {
    const variant = await compress(target, encoding, stamp);
    body = variant.body;
    etag = variant.etag;
    headers['Content-Encoding'] = encoding;
  } else {
    body = await readFile(target);
    etag = `W/"${stamp}"`;
  }
  headers.ETag = etag;
  if (req.headers['if-none-match']?.split(',').some((t) => t.trim() === etag)) {
    res.writeHead(304, headers).end();
    return;
  }
  headers['Content-Length'] = String(body.length);
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Compresses what index.html loads, both encodings, so the first visitor does not wait for brotli 11. */
async function warm(dir: string): Promise<void> {
  try {
    const index = join(dir, 'index.html');
    const html = await readFile(index, 'utf8');
    const refs = [...html.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((m) => join(dir, m[1]!));
    for (const file of [index, ...refs]) {
      const stat = statSync(file);
      if (stat.size < MIN_COMPRESS_BYTES) continue;
      const stamp = `${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}`;
      await Promise.all([compress(file, 'br', stamp), compress(file, 'gzip', stamp)]);
    }
  } catch {
    // Not built yet, or being rebuilt: requests compress on demand.
  }
}
