import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Local S3: s3rver behind a proxy that verifies AWS Signature V4 (credentials S3RVER/S3RVER) as S3 does. */
export async function startS3(port: number, directory: string, bucket: string): Promise<{ endpoint: string; stop(): Promise<void> }> {
  mkdirSync(directory, { recursive: true });
  const child = spawn(process.execPath, [join(__dirname, 's3-server.cjs'), String(port), directory, bucket], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`local S3 exited with code ${code}; is port ${port} free?`)));
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    },
  };
}
