/**
 * `npm run audit`: known vulnerabilities in the packages the app ships (npm's production
 * tree) and, separately, in the tools that build and test it. Exit codes: 0 no high or
 * critical advisory in what ships; 1 some; 3 the registry's audit endpoint did not answer, so
 * nothing was checked (said in words, never reported as clean).
 *
 * Usage: tsx scripts/audit.ts
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { summariseAudit } from './lib/audit-summary';

const ROOT = join(import.meta.dirname, '..');

function audit(omitDev: boolean): unknown {
  const args = ['audit', '--json', ...(omitDev ? ['--omit=dev'] : [])];
  const run = spawnSync('npm', args, {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  try {
    return JSON.parse(run.stdout);
  } catch {
    return { error: { summary: run.stderr.trim() || `npm audit exited with ${run.status}` } };
  }
}

const shipped = summariseAudit(audit(true));
const all = summariseAudit(audit(false));
if (shipped.kind === 'unavailable' || all.kind === 'unavailable') {
  const reason =
    shipped.kind === 'unavailable' ? shipped.reason : all.kind === 'unavailable' ? all.reason : '';
  console.error(`Not checked: the registry's audit endpoint did not answer (${reason}).`);
  console.error('Run `npm run audit` where https://registry.npmjs.org answers audit requests.');
  process.exit(3);
}
console.log(`What ships: ${shipped.line}`);
console.log(`Build and test tools: ${all.line}`);
process.exit(shipped.highOrCritical > 0 ? 1 : 0);
