import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux everywhere in practice). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time a process has used so far (user + system), in milliseconds, from /proc (Linux);
 * NaN elsewhere. On a shared machine it is a steadier measure of a gateway's own cost than latency.
 */
export function cpuMillis(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, in parentheses): utime is the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** The CPU time this process (the benchmark: its load generator, its replay) has used so far, in milliseconds. */
export function ownCpuMillis(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * The process of the MariaDB or MySQL server at `serverUrl` when it runs on this machine (a
 * loopback address), found in /proc by its name; undefined otherwise (its CPU is then not counted).
 */
export function localDatabaseServerPid(serverUrl: string): number | undefined {
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(serverUrl).hostname)) return undefined;
  try {
    const servers = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((pid) => {
        try {
          return ['mariadbd', 'mysqld'].includes(readFileSync(`/proc/${pid}/comm`, 'utf8').trim());
        } catch {
          return false; // it exited meanwhile
        }
      });
    return servers.length === 1 ? Number(servers[0]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts counting the CPU time of `processes` and of the benchmark itself (`load`: its load
 * generator or replay); the function returned gives each one's since then, per request.
 */
export function countCpu(processes: Record<string, number | undefined>): (requests: number) => Record<string, number> {
  const read = (): Record<string, number> => ({ ...Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, cpuMillis(pid)])), load: ownCpuMillis() });
  const before = read();
  return (requests) => {
    const after = read();
    return Object.fromEntries(Object.keys(after).map((name) => [name, (after[name] - before[name]) / Math.max(1, requests)]));
  };
}
