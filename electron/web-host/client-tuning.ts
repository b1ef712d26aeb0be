import { z } from 'zod';
import type { WorkspaceClientOptions } from '../services/workspace-client/workspace-client';

/*
 * `SERVING_STUDIO_CLIENT_TUNING`: the workspace client's waits and retry pacing for this host
 * process, as JSON, e.g. `{"timeouts":{"idleMs":2000},"retry":{"baseDelayMs":100}}`. Unset,
 * the defaults apply (a stream silent for 60 s times out; retries wait 1 s, 2 s, 4 s). End-to-
 * end tests shorten them so that an idle stream or a retried 429 is seen in seconds; someone
 * on a slow network could lengthen them. Anything else in it stops the host with a clear
 * message instead of being ignored.
 */

export const CLIENT_TUNING_ENV = 'SERVING_STUDIO_CLIENT_TUNING';

const ms = z.number().int().positive().max(3_600_000);

const tuningSchema = z
  .object({
    timeouts: z
      .object({ connectMs: ms, firstByteMs: ms, idleMs: ms, requestMs: ms })
      .partial()
      .strict()
      .optional(),
    retry: z
      .object({ maxAttempts: z.number().int().min(1).max(10), baseDelayMs: ms, maxDelayMs: ms })
      .partial()
      .strict()
      .optional(),
  })
  .strict();

/** The client options the variable sets ({} when unset or blank); throws a readable Error when invalid. */
export function clientTuningFromEnv(env: NodeJS.ProcessEnv = process.env): WorkspaceClientOptions {
  const raw = env[CLIENT_TUNING_ENV]?.trim();
  if (!raw) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new Error(`${CLIENT_TUNING_ENV} must be JSON, e.g. {"timeouts":{"idleMs":2000}}.`);
  }
  const parsed = tuningSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`);
    throw new Error(`${CLIENT_TUNING_ENV} is invalid. ${problems.join('; ')}`);
  }
  const options: WorkspaceClientOptions = {};
  if (parsed.data.timeouts) options.timeouts = parsed.data.timeouts;
  if (parsed.data.retry) options.retry = parsed.data.retry;
  return options;
}
