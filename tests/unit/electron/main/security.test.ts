import { beforeEach, describe, expect, it, vi } from 'vitest';

const openExternal = vi.fn(async (_url: string) => undefined);
const appOn = vi.fn();
const defaultSession = {
  setPermissionRequestHandler: vi.fn(),
  setPermissionCheckHandler: vi.fn(),
  setDevicePermissionHandler: vi.fn(),
};
vi.mock('electron', () => ({
  app: { on: appOn },
  session: { defaultSession },
  shell: { openExternal },
}));

const { createAppUrlPolicy } = await import('../../../../electron/main/app-url');
const security = await import('../../../../electron/main/security');

const APP_URL = 'file:///opt/Serving%20Studio/resources/app.asar/dist/renderer/index.html';
const policy = createAppUrlPolicy(APP_URL);

type Handler = (...args: unknown[]) => void;

/** A web contents double that records the handlers the guards install. */
const fakeContents = () => {
  const handlers = new Map<string, Handler>();
  let windowOpen: ((details: { url: string }) => { action: string }) | null = null;
  const contents = {
    on: (name: string, handler: Handler) => handlers.set(name, handler),
    setWindowOpenHandler: (handler: typeof windowOpen) => {
      windowOpen = handler;
    },
  };
  const fire = (name: string, url?: string) => {
    const event = { preventDefault: vi.fn() };
    handlers.get(name)?.(event, url);
    return event.preventDefault.mock.calls.length > 0;
  };
  return { contents, fire, open: (url: string) => windowOpen?.({ url }) };
};

const flush = () => new Promise((done) => setTimeout(done, 0));

beforeEach(() => {
  openExternal.mockClear();
});

describe('safeOpenExternal', () => {
  it('opens http and https links', async () => {
    expect(await security.safeOpenExternal('https://docs.databricks.com/x?y=1')).toBe(true);
    expect(await security.safeOpenExternal('http://example.com')).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://docs.databricks.com/x?y=1');
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'smb://attacker/share',
    'ms-msdt:/id PCWDiagnostic',
    'data:text/html,<script>1</script>',
    '//example.com',
    'not a url',
    '',
  ])('refuses %j', async (url) => {
    expect(await security.safeOpenExternal(url)).toBe(false);
    expect(openExternal).not.toHaveBeenCalled();
  });
});

describe('guardWebContents', () => {
  it('denies every window.open and hands only web links to the browser', async () => {
    const { contents, open } = fakeContents();
    security.guardWebContents(contents as never, policy);
    expect(open('https://example.com')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(open(APP_URL)).toEqual({ action: 'deny' });
    await flush();
    expect(openExternal.mock.calls).toEqual([['https://example.com/']]);
  });

  it('prevents navigation away from the app, and allows its own page', () => {
    const { contents, fire } = fakeContents();
    security.guardWebContents(contents as never, policy);
    expect(fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fire('will-navigate', 'file:///home/user/Downloads/page.html')).toBe(true);
    expect(fire('will-navigate', `${APP_URL}?x=1`)).toBe(true);
    expect(fire('will-navigate', `${APP_URL}#/chat`)).toBe(false);
    expect(fire('will-redirect', 'https://evil.example/')).toBe(true);
  });

  it('blocks attaching a webview', () => {
    const { contents, fire } = fakeContents();
    security.guardWebContents(contents as never, policy);
    expect(fire('will-attach-webview')).toBe(true);
  });
});

describe('denyPermissions', () => {
  const install = () => {
    const target = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    };
    security.denyPermissions(target as never, policy);
    return {
      request: (permission: string, url: string) => {
        const callback = vi.fn();
        target.setPermissionRequestHandler.mock.calls[0]?.[0]({ getURL: () => url }, permission, callback, {
          requestingUrl: url,
        });
        return callback.mock.calls[0]?.[0] as boolean;
      },
      check: (permission: string, url: string) =>
        target.setPermissionCheckHandler.mock.calls[0]?.[0](null, permission, url, { requestingUrl: url }),
      device: () => target.setDevicePermissionHandler.mock.calls[0]?.[0]({}),
    };
  };

  it.each(['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'hid'])(
    'denies %s',
    (permission) => {
      const handlers = install();
      expect(handlers.request(permission, APP_URL)).toBe(false);
      expect(handlers.check(permission, APP_URL)).toBe(false);
    },
  );

  it('denies device access', () => {
    expect(install().device()).toBe(false);
  });

  it('allows only sanitized clipboard writes, and only to the app itself', () => {
    const handlers = install();
    expect(handlers.request('clipboard-sanitized-write', APP_URL)).toBe(true);
    expect(handlers.request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
  });
});

describe('setupSecurity', () => {
  it('guards every web contents created later and the default session', () => {
    security.setupSecurity(policy);
    expect(defaultSession.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(defaultSession.setPermissionCheckHandler).toHaveBeenCalledOnce();
    const [name, listener] = appOn.mock.calls.find(([n]) => n === 'web-contents-created') ?? [];
    expect(name).toBe('web-contents-created');
    const { contents, open } = fakeContents();
    listener({}, contents);
    expect(open('https://example.com')).toEqual({ action: 'deny' });
  });
});
