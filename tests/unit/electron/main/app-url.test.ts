import { describe, expect, it } from 'vitest';
import { createAppUrlPolicy } from '../../../../electron/main/app-url';

describe('createAppUrlPolicy', () => {
  it('accepts only the exact file:// index (any hash)', () => {
    const policy = createAppUrlPolicy('file:///app/dist/renderer/index.html');
    expect(policy.isAppUrl('file:///app/dist/renderer/index.html')).toBe(true);
    expect(policy.isAppUrl('file:///app/dist/renderer/index.html#/chat')).toBe(true);
    expect(policy.isAppUrl('file:///app/dist/renderer/other.html')).toBe(false);
    expect(policy.isAppUrl('file:///tmp/evil.html')).toBe(false);
    expect(policy.isAppUrl('file:///app/dist/renderer/index.html?x=1')).toBe(false);
    expect(policy.isAppUrl('https://example.com/app/dist/renderer/index.html')).toBe(false);
    expect(policy.isAppUrl('garbage')).toBe(false);
  });

  it('accepts app://studio/ pages and nothing else', () => {
    const policy = createAppUrlPolicy('app://studio/index.html');
    expect(policy.isAppUrl('app://studio/index.html#/chat')).toBe(true);
    expect(policy.isAppUrl('app://studio/assets/index.js')).toBe(true);
    expect(policy.isAppUrl('app://evil/index.html')).toBe(false);
    expect(policy.isAppUrl('file:///app/dist/renderer/index.html')).toBe(false);
    expect(policy.isAppUrl('https://studio/index.html')).toBe(false);
  });

  it('compares a dev server URL by origin', () => {
    const policy = createAppUrlPolicy('http://localhost:5173/');
    expect(policy.isAppUrl('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(policy.isAppUrl('http://localhost:5174/')).toBe(false);
    expect(policy.isAppUrl('http://127.0.0.1:5173/')).toBe(false);
  });
});
