import { performance } from 'node:perf_hooks';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { dynamoCallCount } from '../../functions/lib/table';
import { loadHandler, readFunctions } from '../../infra/local/template';
import { randomSourceIp } from '../../tests/attack/support/http';
import { invoke, type Invocation } from '../../tests/support/lambda';
import { figure, median, repeat, type Figure } from '../lib/stats';

const SCENARIO = 'DynamoDB calls per request (handlers invoked in this process)';
const RUNS = Number(process.env.BENCH_CALL_RUNS ?? 5);

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2 | void>;

export interface CallRoute {
  /** The function name in serverless.yml. */
  fn: string;
  label: string;
  inv: Invocation;
  /** The status the invocation must answer. */
  expect: number;
}

/**
 * DynamoDB calls per request and in-process handler latency, per route. serverless-offline runs the
 * handlers in its own process, where the SDK middleware's counter (functions/lib/table.ts) cannot be
 * read; here each handler is imported and invoked with an API Gateway v2 event, and the counter's
 * change is the figure. One warm-up call per route first (module init is the cold start scenario).
 */
export async function dynamoCalls(routes: CallRoute[]): Promise<Figure[]> {
  const functions = new Map(readFunctions().map((f) => [f.name, f.handler]));
  const figures: Figure[] = [];
  for (const route of routes) {
    const path = functions.get(route.fn);
    if (!path) throw new Error(`no function ${route.fn} in serverless.yml`);
    const handler = await loadHandler<Handler>(path);
    const once = async (): Promise<{ calls: number; ms: number }> => {
      const before = dynamoCallCount();
      const t0 = performance.now();
      const answer = await invoke(handler, { ip: randomSourceIp(), ...route.inv });
      const ms = performance.now() - t0;
      if (answer.status !== route.expect)
        throw new Error(`${route.label}: answered ${answer.status}, expected ${route.expect}: ${JSON.stringify(answer.body).slice(0, 200)}`);
      return { calls: dynamoCallCount() - before, ms };
    };
    await once();
    const samples = await repeat(RUNS, once);
    const calls = samples.map((s) => s.calls);
    figures.push(figure(SCENARIO, `${route.label} calls`, 'calls', calls, 'lower', `answered ${route.expect}`));
    figures.push(
      figure(
        SCENARIO,
        `${route.label} handler`,
        'ms',
        samples.map((s) => s.ms),
        'lower',
        `in-process, warm; ${median(calls)} DynamoDB call(s)`,
      ),
    );
  }
  return figures;
}
