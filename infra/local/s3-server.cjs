// Local S3: s3rver stores the objects; in front of it, a small proxy VERIFIES AWS Signature V4
// (presigned query strings and Authorization headers) because s3rver itself does not check V4
// signatures. Expired URLs, tampered signatures and bodies whose signed Content-Length differs are
// refused with S3's own error codes, as on AWS. Anonymous GET/HEAD are allowed (public-read objects).
// Runs in its own plain Node process: s3rver's koa dependency chain does not load under tsx.
// Usage: node s3-server.cjs <port> <directory> <bucket>
const http = require('node:http');
const nodeCrypto = require('node:crypto');
const S3rver = require('s3rver');

const [port, directory, bucket] = process.argv.slice(2);
const ACCESS_KEY = 'S3RVER';
const SECRET_KEY = 'S3RVER';
const CORS =
  '<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>';

const sha256 = (data) => nodeCrypto.createHash('sha256').update(data).digest('hex');
const hmac = (key, data) => nodeCrypto.createHmac('sha256', key).update(data).digest();
const encode = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function s3Error(res, status, code, message) {
  res.writeHead(status, { 'Content-Type': 'application/xml', 'Access-Control-Allow-Origin': '*' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}

/** Parses the V4 signature parts from the query string or the Authorization header; null when unsigned. */
function signatureOf(req, url) {
  const q = url.searchParams;
  if (q.has('X-Amz-Signature')) {
    return {
      presigned: true,
      credential: q.get('X-Amz-Credential') || '',
      amzDate: q.get('X-Amz-Date') || '',
      expires: Number(q.get('X-Amz-Expires') || '0'),
      signedHeaders: (q.get('X-Amz-SignedHeaders') || '').split(';'),
      signature: q.get('X-Amz-Signature') || '',
      payloadHash: 'UNSIGNED-PAYLOAD',
    };
  }
  const auth = req.headers.authorization;
  if (!auth) return null;
  const m = /^AWS4-HMAC-SHA256 Credential=([^,]+),\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]+)$/.exec(auth);
  if (!m) return { invalid: true };
  return {
    presigned: false,
    credential: m[1],
    amzDate: req.headers['x-amz-date'] || '',
    expires: 0,
    signedHeaders: m[2].split(';'),
    signature: m[3],
    payloadHash: req.headers['x-amz-content-sha256'] || sha256(''),
  };
}

function verify(req, url, sig) {
  const [accessKey, date, region, service, terminal] = sig.credential.split('/');
  if (accessKey !== ACCESS_KEY) return ['InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.'];
  if (service !== 's3' || terminal !== 'aws4_request') return ['AuthorizationQueryParametersError', 'Bad credential scope'];
  const signedAt = Date.parse(sig.amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  if (Number.isNaN(signedAt)) return ['AccessDenied', 'Bad X-Amz-Date'];
  if (sig.presigned && Date.now() > signedAt + sig.expires * 1000) return ['AccessDenied', 'Request has expired'];
  const query = [...url.searchParams.entries()]
    .filter(([k]) => k !== 'X-Amz-Signature')
    .map(([k, v]) => [encode(k), encode(v)])
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const headers = sig.signedHeaders
    .map(
      (h) =>
        `${h}:${String(req.headers[h] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonical = [req.method, url.pathname, query, headers, sig.signedHeaders.join(';'), sig.payloadHash].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', sig.amzDate, `${date}/${region}/${service}/${terminal}`, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${SECRET_KEY}`, date), region), service), terminal);
  const expected = nodeCrypto.createHmac('sha256', key).update(stringToSign).digest('hex');
  const ok = expected.length === sig.signature.length && nodeCrypto.timingSafeEqual(Buffer.from(expected), Buffer.from(sig.signature));
  return ok ? null : ['SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.'];
}

async function main() {
  const store = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket, configs: [CORS] }] });
  const { port: innerPort } = await store.run();
  const proxy = http.createServer((req, res) => {
    const url = new URL(req.url || '/', `http://${req.headers.host}`);
    if (req.method !== 'OPTIONS') {
      const sig = signatureOf(req, url);
      if (sig && sig.invalid) return s3Error(res, 400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed');
      if (!sig && !['GET', 'HEAD'].includes(req.method)) return s3Error(res, 403, 'AccessDenied', 'Access Denied');
      const failure = sig && verify(req, url, sig);
      if (failure) return s3Error(res, 403, failure[0], failure[1]);
    }
    const upstream = http.request(
      { host: '127.0.0.1', port: innerPort, method: req.method, path: req.url, headers: { ...req.headers, host: `127.0.0.1:${innerPort}` } },
      (up) => {
        res.writeHead(up.statusCode || 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => s3Error(res, 502, 'InternalError', 'storage unavailable'));
    req.pipe(upstream);
  });
  await new Promise((resolve, reject) => {
    proxy.once('error', reject);
    proxy.listen(Number(port), '127.0.0.1', resolve);
  });
  process.stdout.write('ready\n');
  const stop = () => proxy.close(() => store.close().then(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
