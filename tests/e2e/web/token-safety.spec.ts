import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DemoWorkspace, startDemoWorkspace } from '../../../electron/demo-workspace/server';
import { expect, openApp, test } from './fixtures';

/**
 * The renderer never sees a token: after connecting a workspace with a real token (checked
 * by a real call), the token appears nowhere the page can reach or leave behind.
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
  await expect(page.getByText('Local workspace').first()).toBeVisible();

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

  // The input was cleared; the DOM holds no copy.
  expect(await page.content()).not.toContain(token);
  const storage = await page.evaluate(async () => {
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
  expect(storage).not.toContain(token);
  expect(framesToPage.length).toBeGreaterThan(0);
  for (const frame of framesToPage) expect(frame).not.toContain(token);

  // Nor is it written to the user-data folder in plaintext: it lives in the OS keychain.
  for (const file of readdirSync(studio.userDataDir, { recursive: true }) as string[]) {
    const path = join(studio.userDataDir, file);
    try {
      expect(readFileSync(path, 'utf8')).not.toContain(token);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EISDIR') throw error;
    }
  }
});
