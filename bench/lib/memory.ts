import { execFileSync } from 'node:child_process';
import { figure, type Figure } from './stats';

/** Resident memory of a process and all its descendants, in MiB (Linux/macOS `ps`). */
export function treeRssMiB(rootPid: number): { total: number; byProcess: { pid: number; command: string; mib: number }[] } {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,rss=,comm='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => {
      const [pid, ppid, rss, ...command] = line.trim().split(/\s+/);
      return { pid: Number(pid), ppid: Number(ppid), kib: Number(rss), command: command.join(' ') };
    });
  const inTree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of rows)
      if (!inTree.has(r.pid) && inTree.has(r.ppid)) {
        inTree.add(r.pid);
        grew = true;
      }
  }
  const byProcess = rows.filter((r) => inTree.has(r.pid)).map((r) => ({ pid: r.pid, command: r.command, mib: r.kib / 1024 }));
  return { total: byProcess.reduce((n, p) => n + p.mib, 0), byProcess: byProcess.sort((a, b) => b.mib - a.mib) };
}

const SCENARIO = 'Local stack memory (sum of RSS of the npm start process tree)';

/** The idle stack: a few samples a second apart, after a quiet moment. */
export async function idleMemory(rootPid: number, log: (m: string) => void): Promise<Figure[]> {
  await new Promise((r) => setTimeout(r, 3000));
  const samples: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    samples.push(treeRssMiB(rootPid).total);
    await new Promise((r) => setTimeout(r, 1000));
  }
  const parts = treeRssMiB(rootPid).byProcess;
  log(`  idle: ${samples.map((s) => s.toFixed(0)).join(', ')} MiB (${parts.map((p) => `${p.command} ${p.mib.toFixed(0)}`).join(', ')})`);
  return [figure(SCENARIO, 'idle', 'MiB', samples, 'lower', 'goal <= 1,229 MiB (1.2 GB): ADR 0039')];
}

/** Samples the tree every 250 ms while `load` runs, and reports the peak next to what `load` reports. */
export async function memoryUnder<T>(
  rootPid: number,
  what: string,
  load: () => Promise<T>,
  log: (m: string) => void,
): Promise<{ result: T; figures: Figure[] }> {
  const samples: number[] = [treeRssMiB(rootPid).total];
  const timer = setInterval(() => samples.push(treeRssMiB(rootPid).total), 250);
  try {
    const result = await load();
    return { result, figures: [figure(SCENARIO, `peak under ${what}`, 'MiB', [Math.max(...samples)], 'lower', `${samples.length} samples`)] };
  } finally {
    clearInterval(timer);
    log(`  memory under ${what}: peak ${Math.max(...samples).toFixed(0)} MiB over ${samples.length} samples`);
  }
}
