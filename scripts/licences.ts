/**
 * `npm run licences`: lists the licence of every package the app ships (npm's production
 * tree, plus Electron itself, which electron-builder requires as a devDependency but ships as
 * the runtime) and fails when one is not compatible with the app's MIT licence.
 *
 * Usage: tsx scripts/licences.ts [--markdown]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkLicences, type ShippedPackage } from './lib/licence-check';

const ROOT = join(import.meta.dirname, '..');

function shippedPackages(): ShippedPackage[] {
  const query = execFileSync('npm', ['query', '.prod'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const own = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string }).name;
  const packages = (JSON.parse(query) as ShippedPackage[]).filter(
    (p) => p.name !== undefined && p.name !== own,
  );
  const electron = JSON.parse(
    readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8'),
  ) as ShippedPackage;
  return [...packages, electron];
}

const report = checkLicences(shippedPackages());
const markdown = process.argv.includes('--markdown');
for (const [licence, names] of report.byLicence) {
  if (markdown) console.log(`- **${licence}** (${names.length}): ${names.join(', ')}`);
  else console.log(`${licence} (${names.length}): ${names.join(', ')}`);
}
if (report.refused.length > 0) {
  console.error(`\nNot compatible with MIT, or unknown (${report.refused.length}):`);
  for (const p of report.refused) console.error(`  ${p.name}@${p.version}: ${p.licence}`);
  process.exit(1);
}
console.log(`\n${report.total} shipped packages; every licence is compatible with MIT.`);
