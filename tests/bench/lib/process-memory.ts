import { readdirSync, readFileSync } from 'node:fs';

/**
 * Resident memory of a process and every process below it, from Linux's /proc: VmRSS of
 * each, summed. A process that ends while it is read holds no memory and counts as 0.
 */

/** What reading /proc needs (tests pass a fake one). */
export interface ProcReader {
  /** A file's text; throws when it is gone. */
  read(path: string): string;
  /** A directory's entries; throws when it is gone. */
  list(path: string): string[];
}

const realProc: ProcReader = {
  read: (path) => readFileSync(path, 'utf8'),
  list: (path) => readdirSync(path),
};

/** One process's resident memory, one line per process of the tree. */
export interface ProcessRss {
  pid: number;
  /** The command name (/proc/PID/status Name). */
  name: string;
  rssKb: number;
}

/** The VmRSS line of /proc/PID/status, in kB (0 without one: a kernel thread or a zombie). */
export function vmRssKb(status: string): number {
  const match = status.match(/^VmRSS:\s+(\d+)\s*kB/m);
  return match ? Number(match[1]) : 0;
}

/** Every process in `pid`'s tree (itself first, then its children, depth first) with its RSS. */
export function processTreeRss(pid: number, proc: ProcReader = realProc): ProcessRss[] {
  const out: ProcessRss[] = [];
  const seen = new Set<number>();
  const visit = (id: number) => {
    if (seen.has(id)) return;
    seen.add(id);
    let status: string;
    try {
      status = proc.read(`/proc/${id}/status`);
    } catch {
      return; // Ended while we looked.
    }
    out.push({ pid: id, name: status.match(/^Name:\s+(.*)$/m)?.[1]?.trim() ?? '?', rssKb: vmRssKb(status) });
    let tasks: string[] = [];
    try {
      tasks = proc.list(`/proc/${id}/task`);
    } catch {
      return;
    }
    for (const task of tasks) {
      let children = '';
      try {
        children = proc.read(`/proc/${id}/task/${task}/children`).trim();
      } catch {
        continue;
      }
      for (const child of children ? children.split(/\s+/) : []) visit(Number(child));
    }
  };
  visit(pid);
  return out;
}

/** The tree's resident memory in MB (1 MB = 1,024 kB), or NaN when `pid` is not running. */
export function treeRssMb(pid: number, proc: ProcReader = realProc): number {
  const tree = processTreeRss(pid, proc);
  return tree.length === 0 ? Number.NaN : tree.reduce((sum, p) => sum + p.rssKb, 0) / 1024;
}
