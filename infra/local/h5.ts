import { spawn } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { ROOT } from './template';

const DIST = join(ROOT, 'miniapp', 'dist', 'h5');
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

/** Serves the H5 build with an SPA fallback: deep links in browser-mode routing get index.html. */
export function serveH5(port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = normalize(join(DIST, path));
    const target = file.startsWith(DIST) && existsSync(file) && statSync(file).isFile() ? file : join(DIST, 'index.html');
    // NOTE: a rebuild replaces dist/h5 while we serve it: a missing file is a 503 for that request, not a crash.
    const stream = createReadStream(target);
    stream.once('error', () => {
      if (!res.headersSent) res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '2' });
      res.end('The H5 app is being rebuilt: reload in a moment.');
    });
    stream.once('open', () => {
      const type = TYPES[extname(target)] ?? 'application/octet-stream';
      res.writeHead(200, { 'Content-Type': type, 'Cache-Control': target.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable' });
      stream.pipe(res);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${port}`, stop: () => new Promise((r) => server.close(() => r())) }));
  });
}
