import type { GenerationParams } from '../../../shared/domain';
import { keptParams } from '../../../shared/request-body';

/*
 * The parameters a request will carry, as short labels: the chips beside a composer (so a
 * temperature 0 or a stop sequence left from earlier is never a silent cause) and the one-line
 * summary of a preset. Only what differs from the server's defaults appears.
 */

/** One set parameter: the key its ✕ unsets, and how it reads. */
export interface ParamChip {
  key: keyof GenerationParams;
  label: string;
}

const quoted = (s: string) => JSON.stringify(s);

/** The set parameters as chips, in the order the request lists them. */
export function paramChips(params: GenerationParams): ParamChip[] {
  const chips: ParamChip[] = [];
  for (const [key, value] of Object.entries(keptParams(params)) as [keyof GenerationParams, unknown][]) {
    switch (key) {
      case 'stop':
        chips.push({ key, label: `stop ${(value as string[]).map(quoted).join(' ')}` });
        break;
      case 'tools': {
        const names = (value as { name: string }[]).map((t) => t.name);
        chips.push({
          key,
          label: `${names.length === 1 ? 'tool' : `${names.length} tools`}: ${names.join(', ')}`,
        });
        break;
      }
      case 'tool_choice':
        chips.push({
          key,
          label: `tool_choice ${typeof value === 'string' ? value : (value as { function: { name: string } }).function.name}`,
        });
        break;
      case 'response_format': {
        const format = value as NonNullable<GenerationParams['response_format']>;
        chips.push({
          key,
          label:
            format.type === 'json_schema'
              ? `JSON schema ${format.json_schema.name}`
              : format.type === 'json_object'
                ? 'JSON object'
                : 'text format',
        });
        break;
      }
      case 'tool_mock':
        if (value) chips.push({ key, label: 'mock tool results' });
        break;
      case 'max_tool_steps':
        chips.push({ key, label: `max ${value} tool steps` });
        break;
      case 'stream':
        if (value === false) chips.push({ key, label: 'not streamed' });
        break;
      case 'thinking_budget':
        chips.push({ key, label: `thinking ${value} tokens` });
        break;
      default:
        chips.push({ key, label: `${key} ${typeof value === 'string' ? value : JSON.stringify(value)}` });
    }
  }
  return chips;
}

/** "temperature 0.4, stop "END"": the chips in one line, or "no parameters set". */
export function describeParams(params: GenerationParams): string {
  const chips = paramChips(params);
  return chips.length ? chips.map((c) => c.label).join(', ') : 'no parameters set';
}
