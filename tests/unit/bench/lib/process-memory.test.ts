import { describe, expect, it } from 'vitest';
import { type ProcReader, processTreeRss, treeRssMb, vmRssKb } from '../../../bench/lib/process-memory';

/** A fake /proc: pid → [name, VmRSS kB or null, children per task]. */
function fakeProc(tree: Record<number, [string, number | null, number[][]]>): ProcReader {
  return {
    read(path) {
      const [, pid, rest] = path.match(/^\/proc\/(\d+)\/(.*)$/) ?? [];
      const entry = tree[Number(pid)];
      if (!entry) throw new Error('ENOENT');
      const [name, rss, tasks] = entry;
      if (rest === 'status')
        return `Name:\t${name}\nState:\tS\n${rss === null ? '' : `VmRSS:\t  ${rss} kB\n`}`;
      const task = rest?.match(/^task\/(\d+)\/children$/)?.[1];
      return `${(tasks[Number(task)] ?? []).join(' ')} `;
    },
    list(path) {
      const pid = Number(path.match(/^\/proc\/(\d+)\/task$/)?.[1]);
      const entry = tree[pid];
      if (!entry) throw new Error('ENOENT');
      return entry[2].map((_, i) => String(i));
    },
  };
}

describe('resident memory of a process tree', () => {
  it('reads VmRSS in kB, and 0 when a process has none (a zombie)', () => {
    expect(vmRssKb('Name:\tnode\nVmRSS:\t  81176 kB\n')).toBe(81_176);
    expect(vmRssKb('Name:\tnode\nState:\tZ\n')).toBe(0);
  });

  it('sums the process and every descendant, found through each thread', () => {
    const proc = fakeProc({
      10: ['node', 40_960, [[11], [12]]],
      11: ['esbuild', 10_240, [[13]]],
      12: ['sh', 1_024, [[]]],
      13: ['worker', 0, [[]]],
    });
    expect(processTreeRss(10, proc).map((p) => [p.pid, p.name, p.rssKb])).toEqual([
      [10, 'node', 40_960],
      [11, 'esbuild', 10_240],
      [13, 'worker', 0],
      [12, 'sh', 1_024],
    ]);
    expect(treeRssMb(10, proc)).toBe(51);
  });

  it('counts a child that ended while being read as nothing, and a missing root as NaN', () => {
    const proc = fakeProc({ 10: ['node', 2_048, [[99]]] });
    expect(treeRssMb(10, proc)).toBe(2);
    expect(treeRssMb(7, proc)).toBeNaN();
  });

  it('visits a process once even if it is listed twice', () => {
    const proc = fakeProc({ 10: ['node', 1_024, [[11], [11]]], 11: ['child', 1_024, [[]]] });
    expect(treeRssMb(10, proc)).toBe(2);
  });
});
