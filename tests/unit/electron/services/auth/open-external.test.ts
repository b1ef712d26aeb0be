import { afterEach, describe, expect, it } from 'vitest';
import { NO_BROWSER_ENV, openSignInPage } from '../../../../../electron/services/auth/open-external';

afterEach(() => {
  delete process.env[NO_BROWSER_ENV];
});

describe('openSignInPage', () => {
  it('uses the given opener and swallows its failure', async () => {
    const opened: string[] = [];
    await openSignInPage('https://example.com/a', async (url) => void opened.push(url));
    await expect(
      openSignInPage('https://example.com/b', async () => {
        throw new Error('no browser');
      }),
    ).resolves.toBeUndefined();
    expect(opened).toEqual(['https://example.com/a']);
  });

  it(`opens nothing when ${NO_BROWSER_ENV}=1`, async () => {
    process.env[NO_BROWSER_ENV] = '1';
    const opened: string[] = [];
    await openSignInPage('https://example.com/a', async (url) => void opened.push(url));
    expect(opened).toEqual([]);
  });
});
