import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { randomEmail, randomSourceIp, send } from '../../tests/attack/support/http';
import type { StackState } from '../../tests/attack/support/stack-state';
import { figure, percentile, repeat, type Figure } from '../lib/stats';

const SCENARIO = 'API through the local API (serverless-offline in-process)';
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const RUNS = Number(process.env.BENCH_API_RUNS ?? 3);

export interface LoadRoute {
  name: string;
  method?: string;
  path: string;
  token?: string;
  body?: unknown;
}

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

async function cannon(api: string, route: LoadRoute): Promise<Sample> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (route.token) headers.authorization = `Bearer ${route.token}`;
  const r = await autocannon({
    url: `${api}${route.path}`,
    method: route.method ?? 'GET',
    headers,
    body: route.body === undefined ? undefined : JSON.stringify(route.body),
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx + r.errors + r.timeouts };
}

/**
 * POST /auth/email/login with an unknown email: the real 401 path, including the password hash it
 * burns so that unknown and known emails take as long. The route allows 30 per minute per client
 * address, so each connection moves to a fresh loopback address every 25 requests (API Gateway's
 * sourceIp is the TCP peer; locally every 127.x.y.z is this machine): the figure is the route, not
 * its 429 path.
 */
async function wrongPasswordLogins(api: string): Promise<Sample> {
  const latencies: number[] = [];
  let refused = 0;
  const deadline = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      for (let n = 0; performance.now() < deadline; n += 25) {
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        const sourceIp = randomSourceIp();
        for (let i = 0; i < 25 && performance.now() < deadline; i += 1) {
          const t0 = performance.now();
          const reply = await send(
            api,
            { method: 'POST', path: '/auth/email/login', body: { email: randomEmail('bench'), password: 'not-the-password' } },
            { sourceIp, agent },
          );
          latencies.push(performance.now() - t0);
          if (reply.status !== 401) refused += 1;
        }
        agent.destroy();
      }
    }),
  );
  return { rps: latencies.length / SECONDS, p50: percentile(latencies, 50), p99: percentile(latencies, 99), non2xx: refused };
}

/**
 * Throughput and p50/p99 latency at a fixed concurrency, each route measured RUNS times for SECONDS
 * (autocannon; the login route with its own client, see above). Non-2xx answers are counted and
 * shown: a figure over errors would be meaningless.
 */
export async function apiLoad(stack: StackState, routes: LoadRoute[], log: (m: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  const measure = async (name: string, samples: Sample[], expected: string): Promise<void> => {
    const bad = samples.reduce((n, s) => n + s.non2xx, 0);
    const note = `${CONNECTIONS} connections x ${SECONDS} s${bad ? `; ${bad} answers were not ${expected}` : ''}`;
    figures.push(
      figure(
        SCENARIO,
        `${name} throughput`,
        'req/s',
        samples.map((s) => s.rps),
        'higher',
        note,
      ),
    );
    figures.push(
      figure(
        SCENARIO,
        `${name} p50`,
        'ms',
        samples.map((s) => s.p50),
      ),
    );
    figures.push(
      figure(
        SCENARIO,
        `${name} p99`,
        'ms',
        samples.map((s) => s.p99),
      ),
    );
  };
  for (const route of routes) {
    log(`  ${route.name}`);
    await measure(route.name, await repeat(RUNS, () => cannon(stack.urls.api, route)), '2xx');
  }
  log('  POST /auth/email/login (wrong password)');
  await measure('POST /auth/email/login (401)', await repeat(RUNS, () => wrongPasswordLogins(stack.urls.api)), '401');
  return figures;
}
