import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Figure } from './stats';

export const RESULTS_DIR = join(__dirname, '..', 'results');

export interface Results {
  startedAt: string;
  finishedAt: string;
  host: { node: string; cpus: number; platform: string };
  figures: Figure[];
  /** Scenarios that could not run, and why. */
  skipped: { scenario: string; reason: string }[];
}

export function readPrevious(): Results | undefined {
  const file = join(RESULTS_DIR, 'latest.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Results;
  } catch {
    return undefined;
  }
}

/**
 * `bench/results/<ISO date>.json` (this run) and `bench/results/latest.json`: this run's figures plus,
 * after a partial run (BENCH_ONLY), the previous figures of the scenarios it did not run.
 */
export function writeResults(results: Results, previous?: Results): string[] {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const latest = join(RESULTS_DIR, 'latest.json');
  const dated = join(RESULTS_DIR, `${results.startedAt.replace(/:/g, '-')}.json`);
  const ran = new Set(results.figures.map((f) => f.scenario));
  const merged: Results = { ...results, figures: [...(previous?.figures.filter((f) => !ran.has(f.scenario)) ?? []), ...results.figures] };
  writeFileSync(latest, `${JSON.stringify(merged, null, 2)}\n`);
  writeFileSync(dated, `${JSON.stringify(results, null, 2)}\n`);
  return [latest, dated];
}

const fmt = (n: number): string => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));

/** The ratio of this run's median to the previous run's, marked when it moved the wrong way by >10%. */
function ratio(f: Figure, previous?: Results): string {
  const before = previous?.figures.find((p) => p.scenario === f.scenario && p.name === f.name && p.unit === f.unit);
  if (!before || before.median === 0) return '   -';
  const r = f.median / before.median;
  const worse = f.better === 'lower' ? r > 1.1 : r < 0.9;
  return `${r.toFixed(2)}${worse ? ' !' : '  '}`;
}

/** A readable table, one section per scenario. */
export function formatTable(results: Results, previous?: Results): string {
  const lines: string[] = [];
  const nameWidth = Math.max(20, ...results.figures.map((f) => f.name.length)) + 2;
  for (const scenario of [...new Set(results.figures.map((f) => f.scenario))]) {
    lines.push('', scenario);
    lines.push(
      `  ${'figure'.padEnd(nameWidth)}${'median'.padStart(10)}${'min'.padStart(10)}${'max'.padStart(10)}  ${'unit'.padEnd(10)}${'runs'.padStart(4)}  vs prev  note`,
    );
    for (const f of results.figures.filter((x) => x.scenario === scenario)) {
      lines.push(
        `  ${f.name.padEnd(nameWidth)}${fmt(f.median).padStart(10)}${fmt(f.min).padStart(10)}${fmt(f.max).padStart(10)}  ${f.unit.padEnd(10)}${String(f.runs).padStart(4)}  ${ratio(f, previous).padEnd(7)}  ${f.note ?? ''}`,
      );
    }
  }
  for (const s of results.skipped) lines.push('', `SKIPPED ${s.scenario}: ${s.reason}`);
  lines.push('', `vs prev: this run's median / the previous run's (${previous ? previous.startedAt : 'no previous run'}); "!" = more than 10% worse.`);
  return lines.join('\n');
}
