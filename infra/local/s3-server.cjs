// Local S3 (s3rver) in its own plain Node process: its koa dependency chain does not load under tsx.
// Usage: node s3-server.cjs <port> <directory> <bucket>
const S3rver = require('s3rver');

const [port, directory, bucket] = process.argv.slice(2);
const CORS =
  '<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>';
const server = new S3rver({ port: Number(port), address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket, configs: [CORS] }] });
server.run().then(
  () => process.stdout.write('ready\n'),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
const stop = () => server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
