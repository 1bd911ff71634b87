/** One benchmark figure: a median over repeated runs, with their min and max. */
export interface Figure {
  scenario: string;
  name: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  runs: number;
  /** Which way is better, for reading the ratio to the previous run. */
  better: 'lower' | 'higher';
  note?: string;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};

/** A figure from repeated samples. */
export function figure(scenario: string, name: string, unit: string, samples: number[], better: Figure['better'] = 'lower', note?: string): Figure {
  if (samples.length === 0) throw new Error(`${scenario}/${name}: no samples`);
  return {
    scenario,
    name,
    unit,
    median: median(samples),
    min: Math.min(...samples),
    max: Math.max(...samples),
    runs: samples.length,
    better,
    ...(note ? { note } : {}),
  };
}

/** Runs `fn` `times` times, one after another, and returns what each run returned. */
export async function repeat<T>(times: number, fn: (run: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < times; i += 1) out.push(await fn(i));
  return out;
}
