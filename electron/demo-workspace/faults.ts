import type { DemoConfig, DemoFault, DemoFaultRule } from './config';

/**
 * Picks the faults that apply to one invocation request and consumes their `times`.
 * At most one fault per phase applies: a delay before the headers, an HTTP error instead of
 * an answer, and one stream fault during generation. Rules are tried in list order.
 */

export type StreamFault = Extract<
  DemoFault,
  { type: 'disconnect' | 'malformed-chunk' | 'stream-error' | 'stall' }
>;
type HttpFault = Extract<DemoFault, { type: 'http-error' }>;
type DelayFault = Extract<DemoFault, { type: 'slow-first-byte' }>;

/** The faults chosen for one request. */
export interface RequestFaults {
  delay?: DelayFault;
  http?: HttpFault;
  stream?: StreamFault;
  /** A disconnect on a non-streaming request: drop the socket instead of answering. */
  drop?: boolean;
}

function phaseOf(rule: DemoFaultRule, streaming: boolean): keyof RequestFaults | null {
  switch (rule.type) {
    case 'slow-first-byte':
      return 'delay';
    case 'http-error':
      return 'http';
    case 'disconnect':
      return streaming ? 'stream' : 'drop';
    default:
      return streaming ? 'stream' : null;
  }
}

/** Removes the rule's endpoint/times fields, leaving the fault itself. */
function faultOf(rule: DemoFaultRule): DemoFault {
  const { endpoint: _endpoint, times: _times, ...fault } = rule;
  return fault as DemoFault;
}

/**
 * Chooses faults for a request to `endpoint` and decrements the chosen rules' `times`,
 * removing exhausted rules from `config.faults` (mutated in place: the config is the
 * server's live state).
 */
export function takeFaults(config: DemoConfig, endpoint: string, streaming: boolean): RequestFaults {
  const chosen: RequestFaults = {};
  const assign = chosen as Record<string, unknown>;
  for (const rule of config.faults) {
    if (rule.endpoint !== undefined && rule.endpoint !== endpoint) continue;
    const phase = phaseOf(rule, streaming);
    // A non-streaming disconnect and an HTTP error are both "instead of the answer".
    const blocked = phase === 'drop' ? chosen.http !== undefined : phase === 'http' && chosen.drop === true;
    if (phase === null || assign[phase] !== undefined || blocked) continue;
    assign[phase] = phase === 'drop' ? true : faultOf(rule);
    if (rule.times !== undefined) rule.times -= 1;
  }
  config.faults = config.faults.filter((rule) => rule.times === undefined || rule.times > 0);
  return chosen;
}

/**
 * Takes (and consumes once) the first `http-error` rule that names `endpoint`, for a request
 * to an endpoint the demo does not serve; null when no rule names it.
 */
export function takeNamedHttpFault(config: DemoConfig, endpoint: string): HttpFault | null {
  const rule = config.faults.find((r) => r.type === 'http-error' && r.endpoint === endpoint);
  if (!rule) return null;
  if (rule.times !== undefined) rule.times -= 1;
  config.faults = config.faults.filter((r) => r.times === undefined || r.times > 0);
  return faultOf(rule) as HttpFault;
}

const HTTP_CODES: Record<number, string> = {
  429: 'REQUEST_LIMIT_EXCEEDED',
  500: 'INTERNAL_ERROR',
  502: 'BAD_GATEWAY',
  503: 'TEMPORARILY_UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const HTTP_MESSAGES: Record<number, string> = {
  429: 'Exceeded workspace QPS rate limit for {endpoint}',
  500: 'The server encountered an internal error while serving {endpoint}. (injected by the demo workspace)',
  503: 'The service is temporarily unavailable: {endpoint} is overloaded. Please retry. (injected by the demo workspace)',
};

/** The status, envelope and headers of an injected HTTP error. */
export function httpFaultResponse(fault: HttpFault, endpoint: string) {
  const status = fault.status ?? 500;
  const errorCode =
    fault.errorCode ?? HTTP_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST');
  const template = HTTP_MESSAGES[status] ?? `Injected HTTP ${status} from the demo workspace for {endpoint}.`;
  const message = fault.message ?? template.replace('{endpoint}', endpoint);
  // Absent: the default for the status; null: no Retry-After header at all.
  const retryAfter =
    fault.retryAfterSec === undefined ? (status === 503 || status === 429 ? 1 : null) : fault.retryAfterSec;
  const headers: Record<string, string> = retryAfter === null ? {} : { 'retry-after': String(retryAfter) };
  return { status, errorCode, message, headers };
}
