/**
 * Which shipped packages' licences an MIT app can ship: permissive licences only, SPDX
 * expressions understood ("A OR B" needs one allowed, "A AND B" needs both).
 */

/** Permissive licences that ask at most for the notice to be kept. */
export const ALLOWED_LICENCES = new Set([
  'MIT',
  'MIT-0',
  'ISC',
  'Apache-2.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  '0BSD',
  'BlueOak-1.0.0',
  'CC0-1.0',
  'CC-BY-4.0',
  'Unlicense',
  'Python-2.0',
  'Zlib',
]);

/** A package as `npm query` (or its package.json) describes it. */
export interface ShippedPackage {
  name?: string;
  version?: string;
  license?: string | { type?: string };
  licenses?: { type?: string }[];
}

/** The licence a package declares, as one SPDX expression (or "UNKNOWN"). */
export function declaredLicence(pkg: ShippedPackage): string {
  if (typeof pkg.license === 'string' && pkg.license.trim()) return pkg.license.trim();
  if (pkg.license && typeof pkg.license === 'object' && pkg.license.type) return pkg.license.type;
  const old = pkg.licenses?.map((l) => l.type).filter(Boolean);
  if (old && old.length > 0) return old.length === 1 ? String(old[0]) : `(${old.join(' OR ')})`;
  return 'UNKNOWN';
}

/** True when an SPDX expression allows shipping under MIT (parentheses, OR, AND, WITH-less). */
export function licenceAllowed(expression: string): boolean {
  const text = expression.trim();
  if (text.startsWith('(') && text.endsWith(')') && balanced(text.slice(1, -1)))
    return licenceAllowed(text.slice(1, -1));
  const or = splitTop(text, ' OR ');
  if (or.length > 1) return or.some(licenceAllowed);
  const and = splitTop(text, ' AND ');
  if (and.length > 1) return and.every(licenceAllowed);
  return ALLOWED_LICENCES.has(text);
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === '(') depth++;
    if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** Splits on `operator` outside parentheses. */
function splitTop(text: string, operator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (depth === 0 && text.startsWith(operator, i)) {
      parts.push(text.slice(start, i));
      start = i + operator.length;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

export interface LicenceReport {
  total: number;
  /** Licence → package names (sorted), most common first. */
  byLicence: [string, string[]][];
  refused: { name: string; version: string; licence: string }[];
}

export function checkLicences(packages: readonly ShippedPackage[]): LicenceReport {
  const groups = new Map<string, Set<string>>();
  const refused: LicenceReport['refused'] = [];
  for (const pkg of packages) {
    const name = pkg.name ?? '(unnamed)';
    const licence = declaredLicence(pkg);
    const names = groups.get(licence) ?? new Set<string>();
    groups.set(licence, names.add(name));
    if (!licenceAllowed(licence)) refused.push({ name, version: pkg.version ?? '?', licence });
  }
  const byLicence = [...groups]
    .map(([licence, names]): [string, string[]] => [licence, [...names].sort()])
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  return { total: packages.length, byLicence, refused };
}
