import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { type DemoWorkspace, startDemoWorkspace } from '../../../electron/demo-workspace/server';
import { expect, openApp, test } from './fixtures';

/**
 * The renderer never sees a token: after connecting a workspace with a real token (checked
 * by a real call), the token appears nowhere the page can reach or leave behind. The same
 * holds for a service principal's client secret and an OpenAI-compatible server's API key.
 */

let workspace: DemoWorkspace;
const token = `sstest-${randomBytes(20).toString('hex')}`;

test.beforeAll(async () => {
  workspace = await startDemoWorkspace({ port: 0, token });
});
test.afterAll(async () => {
  await workspace.close();
});

test('a connected token never reaches the page, its storage or the bridge frames', async ({
  page,
  studio,
}) => {
  const framesToPage: string[] = [];
  page.on('websocket', (socket) => {
    socket.on('framereceived', (frame) => framesToPage.push(String(frame.payload)));
  });

  await openApp(page, studio);
  await page.getByRole('button', { name: 'Connect a workspace' }).click();
  await page.getByLabel('Name').fill('Local workspace');
  await page.getByLabel('Workspace URL').fill(workspace.url);
  await page.getByLabel('Personal access token').fill(token);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('first-run')).toBeHidden();
  await expect(page.getByTestId('workspace-switcher')).toContainText('Local workspace (PAT)');

  // Use the workspace so that requests really carry the token.
  await page.getByRole('navigation').getByRole('button', { name: 'Endpoints' }).click();
  await expect(page.getByTestId('endpoint-row').first()).toBeVisible();
  await page.getByRole('navigation').getByRole('button', { name: 'Chat' }).click();
  await page.getByLabel('Endpoint').selectOption('databricks-meta-llama-3-1-70b-instruct');
  await page.getByLabel('Message').fill('Hello!');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('assistant-message').last()).toHaveAttribute('data-status', 'done', {
    timeout: 30_000,
  });

  await expectNowhere(page, studio.userDataDir, framesToPage, token);
});

/** Reads everything the page can reach: localStorage, sessionStorage, cookies, IndexedDB. */
function dumpPageStorage(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const dump: string[] = [JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })];
    dump.push(document.cookie);
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((done, fail) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => done(open.result);
        open.onerror = () => fail(open.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((done) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => done(request.result);
        });
        dump.push(JSON.stringify(rows));
      }
      db.close();
    }
    return dump.join('\n');
  });
}

/** `secret` is in no DOM, page storage, bridge frame, or user-data file (it lives in the keychain). */
async function expectNowhere(page: Page, userDataDir: string, frames: string[], secret: string) {
  // The input was cleared; the DOM holds no copy.
  expect(await page.content()).not.toContain(secret);
  expect(await dumpPageStorage(page)).not.toContain(secret);
  expect(frames.length).toBeGreaterThan(0);
  for (const frame of frames) expect(frame).not.toContain(secret);
  for (const file of readdirSync(userDataDir, { recursive: true }) as string[]) {
    const path = join(userDataDir, file);
    try {
      expect(readFileSync(path, 'utf8')).not.toContain(secret);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EISDIR') throw error;
    }
  }
}

/** Collects every bridge frame the page receives. */
function recordFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on('websocket', (socket) => {
    socket.on('framereceived', (frame) => frames.push(String(frame.payload)));
  });
  return frames;
}

test('a client secret and an API key never reach the page, its storage or the bridge frames', async ({
  page,
  studio,
}) => {
  const clientSecret = `sssp-${randomBytes(20).toString('hex')}`;
  const apiKey = `sskey-${randomBytes(20).toString('hex')}`;
  workspace.configure({ servicePrincipals: { 'sstest-client': clientSecret } });
  const keyed = await startDemoWorkspace({ port: 0, token: apiKey });
  try {
    const frames = recordFrames(page);
    await openApp(page, studio);
    await page.getByRole('button', { name: 'Connect a workspace' }).click();
    await page.getByRole('tab', { name: 'Service principal' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Robot');
    await page.getByLabel('Workspace URL').fill(workspace.url);
    await page.getByLabel('Client ID').fill('sstest-client');
    await page.getByLabel('Client secret').fill(clientSecret);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByTestId('first-run')).toBeHidden();
    await page.getByRole('navigation').getByRole('button', { name: 'Endpoints' }).click();
    await expect(page.getByTestId('endpoint-row').first()).toBeVisible();

    await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'OpenAI-compatible server' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Keyed server');
    await page.getByLabel('Base URL').fill(`${keyed.url}/serving-endpoints`);
    await page.getByLabel('API key (optional)').fill(apiKey);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByTestId('workspace-row').filter({ hasText: 'Keyed server' })).toBeVisible();
    await expect(page.getByLabel('API key (optional)')).toHaveValue('');
    await page.getByRole('navigation').getByRole('button', { name: 'Endpoints' }).click();
    await expect(page.getByTestId('endpoint-row').first()).toBeVisible();

    await expectNowhere(page, studio.userDataDir, frames, clientSecret);
    await expectNowhere(page, studio.userDataDir, frames, apiKey);
  } finally {
    await keyed.close();
  }
});
