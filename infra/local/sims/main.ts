/**
 * `tsx infra/local/sims/main.ts`: runs the external-service simulators.
 * Env: SIM_PORT (default 4010), SIM_HOST (default 127.0.0.1), SIM_KEYS_DIR (default .local/keys),
 * SIM_NOTIFY_RETRY_MS (waits between notification attempts, default "1000,2000,4000,8000,15000,30000,30000").
 */
import { resolve } from 'node:path';
import { startSimulators } from './index';

async function main(): Promise<void> {
  const port = Number(process.env.SIM_PORT ?? 4010);
  const keysDir = resolve(process.env.SIM_KEYS_DIR ?? '.local/keys');
  const retries = process.env.SIM_NOTIFY_RETRY_MS?.split(',')
    .map(Number)
    .filter((ms) => Number.isFinite(ms) && ms >= 0);
  const sims = await startSimulators({ port, keysDir, host: process.env.SIM_HOST, notifyRetryDelaysMs: retries });
  console.log(`simulators listening on ${sims.baseUrl} (keys in ${keysDir}); open ${sims.baseUrl}/ for recent activity`);
  const stop = (): void => {
    void sims.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
