import { describe, expect, it } from 'vitest';
import { findChromium, NO_CHROMIUM, systemCandidates } from '../../support/chromium';

/* The end-to-end tests find a browser the way a developer has one, or say in one line what to do. */

const none = () => false;
const only = (path: string) => (p: string) => p === path;

describe('findChromium', () => {
  it('takes CHROMIUM_PATH first, as given', () => {
    expect(findChromium({ CHROMIUM_PATH: '/x/chrome' }, 'linux', none, () => null)).toEqual({
      path: '/x/chrome',
      source: 'CHROMIUM_PATH',
    });
  });

  it('then the system browser of each platform', () => {
    expect(findChromium({}, 'linux', only('/usr/bin/google-chrome'), () => null)).toEqual({
      path: '/usr/bin/google-chrome',
      source: 'system',
    });
    const mac = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findChromium({}, 'darwin', only(mac), () => null)?.path).toBe(mac);
    const env = { PROGRAMFILES: 'C:\\Program Files' };
    const [first] = systemCandidates('win32', env);
    expect(first).toContain('chrome.exe');
    expect(findChromium(env, 'win32', only(first ?? ''), () => null)?.source).toBe('system');
  });

  it('then Playwright’s own, if it was installed; else nothing', () => {
    expect(findChromium({}, 'linux', only('/pw/chrome'), () => '/pw/chrome')).toEqual({
      path: '/pw/chrome',
      source: 'playwright',
    });
    expect(findChromium({}, 'linux', none, () => '/pw/chrome')).toBeNull();
  });

  it('says what to do in one line', () => {
    expect(NO_CHROMIUM).not.toContain('\n');
    expect(NO_CHROMIUM).toMatch(/apt-get install chromium.*CHROMIUM_PATH.*npx playwright install chromium/);
  });
});
