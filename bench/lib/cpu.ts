import { readdirSync, readFileSync } from 'node:fs';

const TICKS = 100; // USER_HZ on Linux

interface Proc {
  pid: number;
  ppid: number;
  command: string;
  seconds: number;
}

function read(pid: number): Proc | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command is in parentheses and may hold spaces: fields follow the last ')'
    const close = stat.lastIndexOf(')');
    const command = stat.slice(stat.indexOf('(') + 1, close);
    const f = stat.slice(close + 2).split(' ');
    // after the command: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
    const seconds = (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / TICKS;
    return { pid, ppid: Number(f[1]), command, seconds };
  } catch {
    return null; // ended meanwhile
  }
}

/**
 * User + system CPU seconds of a process tree (children that ended are in their parent's cutime/cstime),
 * split into DynamoDB Local (java) and everything else (node: the API, consumers, simulators).
 * Linux only (/proc).
 */
export function treeCpuSeconds(rootPid: number): { node: number; java: number } {
  const all = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => read(Number(d)))
    .filter((p): p is Proc => p !== null);
  const inTree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all)
      if (!inTree.has(p.pid) && inTree.has(p.ppid)) {
        inTree.add(p.pid);
        grew = true;
      }
  }
  let node = 0;
  let java = 0;
  for (const p of all.filter((x) => inTree.has(x.pid))) {
    if (p.command.includes('java')) java += p.seconds;
    else node += p.seconds;
  }
  return { node, java };
}
