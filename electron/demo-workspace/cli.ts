import { DEMO_WAREHOUSES, SEED_TABLE, startDemoWorkspace } from './server';

/**
 * `npm run demo-server [-- --port N] [--host H] [--token T] [--ttft MS] [--tps N]`: runs the
 * demo workspace on its own and prints how to reach it. Ctrl-C closes it cleanly.
 */

function option(args: string[], name: string): string | undefined {
  const inline = args.find((arg) => arg.startsWith(`--${name}=`));
  if (inline) return inline.slice(name.length + 3);
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

function numberOption(args: string[], name: string): number | undefined {
  const raw = option(args, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`--${name} must be a non-negative number; got ${raw}`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const workspace = await startDemoWorkspace({
    port: numberOption(args, 'port') ?? 0,
    host: option(args, 'host') ?? '127.0.0.1',
    token: option(args, 'token') ?? 'demo-token',
    ttftMs: numberOption(args, 'ttft'),
    tokensPerSec: numberOption(args, 'tps'),
  });
  const { url, token } = workspace;
  console.log(`Demo workspace listening at ${url}`);
  console.log(`Token: ${token}`);
  console.log(
    `Try: curl -s ${url}/serving-endpoints/databricks-meta-llama-3-1-70b-instruct/invocations -H 'Authorization: Bearer ${token}' -H 'Content-Type: application/json' -d '{"messages":[{"role":"user","content":"Hello!"}],"max_tokens":100}'`,
  );
  console.log(`OpenAI client: new OpenAI({ apiKey: '${token}', baseURL: '${url}/serving-endpoints' })`);
  console.log(
    `Databricks SQL: warehouse ${DEMO_WAREHOUSES.running} (running), ${DEMO_WAREHOUSES.stopped} (stopped); ` +
      `upload with PUT ${url}/api/2.0/fs/files/Volumes/main/default/evaluations/<file>.csv?overwrite=true, ` +
      `run ai_query with POST ${url}/api/2.0/sql/statements, or read the table ${SEED_TABLE}.`,
  );
  console.log('Press Ctrl-C to stop.');
  let closing = false;
  const shutdown = (): void => {
    if (closing) process.exit(1);
    closing = true;
    workspace.close().then(() => {
      console.log('Demo workspace closed.');
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error('Could not start the demo workspace:', error instanceof Error ? error.message : error);
  process.exit(1);
});
