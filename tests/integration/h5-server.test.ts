import { request } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { pickEncoding, serveH5 } from '../../infra/local/h5';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}
/** One GET on a fresh connection, body bytes as sent (no decoding). */
function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    request(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('the local H5 server (as a CDN serves the build)', () => {
  let dir: string;
  let server: { url: string; stop(): Promise<void> };
  const appJs = `console.log(${JSON.stringify('wxshop '.repeat(4000))});`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'h5-server-'));
    mkdirSync(join(dir, 'js'));
    writeFileSync(
      join(dir, 'index.html'),
      `<!doctype html><html><head><script defer src="/js/app.0123abcd.js"></script></head><body>${'<p>x</p>'.repeat(200)}</body></html>`,
    );
    writeFileSync(join(dir, 'js', 'app.0123abcd.js'), appJs);
    writeFileSync(join(dir, 'js', 'tiny.0123abcd.js'), '1;');
    server = await serveH5(0, dir);
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends brotli when the client accepts it, with Vary and immutable caching for hashed assets', async () => {
    const res = await get(`${server.url}/js/app.0123abcd.js`, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body.length).toBeLessThan(appJs.length / 10);
    expect(brotliDecompressSync(res.body).toString()).toBe(appJs);
  });

  it('falls back to gzip, then to identity', async () => {
    const url = `${server.url}/js/app.0123abcd.js`;
    const gz = await get(url, { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(appJs);
    const plain = await get(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(appJs);
    expect(plain.headers.vary).toBe('Accept-Encoding');
    const refused = await get(url, { 'Accept-Encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    // Too small to gain from compression.
    expect((await get(`${server.url}/js/tiny.0123abcd.js`, { 'Accept-Encoding': 'br' })).headers['content-encoding']).toBeUndefined();
  });

  it('revalidates index.html (no-cache, ETag, 304) and serves it for deep links', async () => {
    const first = await get(`${server.url}/shop/pages/product/index?id=1`);
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(first.body.toString()).toContain('<!doctype html>');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    expect((await get(`${server.url}/`, { 'If-None-Match': etag })).status).toBe(304);
  });

  it('answers 404 for a missing asset instead of index.html served as JavaScript', async () => {
    expect((await get(`${server.url}/js/gone.deadbeef.js`)).status).toBe(404);
  });

  it('picks the encoding a CDN would from Accept-Encoding', () => {
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(pickEncoding('gzip')).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('*, br;q=0')).toBe('gzip');
    expect(pickEncoding('identity')).toBeUndefined();
    expect(pickEncoding(undefined)).toBeUndefined();
  });
});
