import { describe, expect, it } from 'vitest';
import { CONTRACT } from '../../../shared/contract';
import { jsonStringBytes, UPLOAD_LIMITS, uploadProblem, volumePathSchema } from '../../../shared/sql-schemas';
import { MAX_FRAME_BYTES } from '../../../shared/ws-protocol';

describe('upload bounds', () => {
  it('measures a text as it travels inside JSON', () => {
    for (const text of [
      'plain',
      'quote " and \\ backslash',
      'line\nbreak\ttab',
      'nul \u0000 bell \u0007',
      'é 中 🧪',
    ]) {
      expect(jsonStringBytes(text)).toBe(new TextEncoder().encode(JSON.stringify(text)).length - 2);
    }
  });

  it('takes 100,000 rows of ~500 bytes, refuses more than 48 MiB or more than one frame once escaped', () => {
    expect(uploadProblem('x'.repeat(100_000 * 500))).toBeNull();
    expect(uploadProblem('x'.repeat(UPLOAD_LIMITS.maxBytes + 1))).toMatch(/at most 48\.0 MiB/);
    // 40 MiB of quotes: within the file bound, but twice that once escaped.
    expect(uploadProblem('"'.repeat(40 * 1024 * 1024))).toMatch(/too many quotes/);
    expect(UPLOAD_LIMITS.maxJsonBytes).toBeLessThan(MAX_FRAME_BYTES);
  });

  it('is checked by the contract', () => {
    const upload = CONTRACT.uploadFile.request;
    expect(upload.safeParse({ path: '/Volumes/c/s/v/f.csv', content: 'a,b\r\n' }).success).toBe(true);
    expect(upload.safeParse({ path: '/Volumes/c/s/v/../f.csv', content: 'a' }).success).toBe(false);
  });
});

describe('volume paths', () => {
  it('accepts /Volumes/<catalog>/<schema>/<volume>/<file> only', () => {
    expect(volumePathSchema.safeParse('/Volumes/main/default/evals/run 1/data.csv').success).toBe(true);
    for (const bad of [
      '/Volumes/main/default/evals',
      '/dbfs/x.csv',
      '/Volumes/a//b/c/d',
      '/Volumes/a/b/c/..',
    ])
      expect(volumePathSchema.safeParse(bad).success).toBe(false);
  });
});

describe('statement requests', () => {
  it('bounds ids and statements', () => {
    const get = CONTRACT.getStatement.request;
    expect(get.safeParse({ statementId: '01ef-abc_1' }).success).toBe(true);
    expect(get.safeParse({ statementId: '../x' }).success).toBe(false);
    const exec = CONTRACT.executeStatement.request;
    expect(exec.safeParse({ warehouseId: 'abc', statement: '  ' }).success).toBe(false);
    expect(exec.safeParse({ warehouseId: 'a/b', statement: 'SELECT 1' }).success).toBe(false);
  });
});
