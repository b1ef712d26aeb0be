import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summariseAudit } from '../../../scripts/lib/audit-summary';
import { checkLicences, declaredLicence, licenceAllowed } from '../../../scripts/lib/licence-check';

const ROOT = join(import.meta.dirname, '../../..');

describe('licenceAllowed', () => {
  it.each([
    ['MIT', true],
    ['Apache-2.0', true],
    ['(MIT OR GPL-3.0)', true],
    ['MIT OR Apache-2.0', true],
    ['MIT AND BSD-3-Clause', true],
    ['MIT AND GPL-3.0', false],
    ['(MIT AND GPL-2.0) OR ISC', true],
    ['GPL-3.0', false],
    ['AGPL-3.0-only', false],
    ['LGPL-2.1', false],
    ['SSPL-1.0', false],
    ['UNKNOWN', false],
    ['SEE LICENSE IN LICENSE.txt', false],
  ])('%s → %s', (expression, allowed) => {
    expect(licenceAllowed(expression)).toBe(allowed);
  });
});

describe('declaredLicence', () => {
  it('reads the string, the old object and the old array forms', () => {
    expect(declaredLicence({ license: 'MIT' })).toBe('MIT');
    expect(declaredLicence({ license: { type: 'ISC' } })).toBe('ISC');
    expect(declaredLicence({ licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] })).toBe(
      '(MIT OR Apache-2.0)',
    );
    expect(declaredLicence({})).toBe('UNKNOWN');
  });
});

describe('the packages the app ships', () => {
  it('are all under licences compatible with MIT', { timeout: 60_000 }, () => {
    const query = execFileSync('npm', ['query', '.prod'], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const report = checkLicences(JSON.parse(query));
    expect(report.total).toBeGreaterThan(50);
    expect(report.refused).toEqual([]);
  });
});

describe('summariseAudit', () => {
  it('counts what it found, and says when the endpoint did not answer', () => {
    expect(summariseAudit({ metadata: { vulnerabilities: { high: 1, low: 2, critical: 0 } } })).toEqual({
      kind: 'ok',
      highOrCritical: 1,
      line: '1 high, 2 low',
    });
    expect(summariseAudit({ metadata: { vulnerabilities: {} } })).toMatchObject({
      line: 'no known vulnerabilities',
    });
    expect(summariseAudit({ message: '405 Method Not Allowed - POST …', error: { summary: '' } })).toEqual({
      kind: 'unavailable',
      reason: '405 Method Not Allowed - POST …',
    });
  });
});
