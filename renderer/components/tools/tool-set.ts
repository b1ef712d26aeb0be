import {
  type GenerationParams,
  TOOL_NAME_PATTERN,
  type ToolChoice,
  type ToolDefinition,
  toolDefinitionSchema,
} from '../../../shared/domain';
import { TOOL_STEP_LIMIT } from '../../../shared/limits';
import { parseJson, schemaProblems } from '../../core/json-schema';

/*
 * The tools editor's logic, pure: a tool as the form edits it (its parameters as the text the
 * user typed, kept even while invalid), the checks that decide whether Save is allowed, the
 * ready examples, and a tool set as a JSON file (our export, or a bare OpenAI `tools` array).
 */

/** A tool being edited: `parameters` is the user's text, never reformatted behind their back. */
export interface ToolDraft {
  name: string;
  description: string;
  parameters: string;
  strict: boolean;
  mocks: string[];
}

/** The dialog's whole state: the tools and the loop settings that go with them. */
export interface ToolSetDraft {
  tools: ToolDraft[];
  /** 'auto' | 'none' | 'required' | a tool's name. Unset is 'auto' on the wire's default. */
  choice: string;
  mock: boolean;
  /** The text of the Max steps field. */
  maxSteps: string;
}

export const CHOICE_KEYWORDS = ['auto', 'none', 'required'] as const;

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** A tool as the form edits it. */
export const draftOf = (tool: ToolDefinition): ToolDraft => ({
  name: tool.name,
  description: tool.description ?? '',
  parameters: pretty(tool.parameters),
  strict: tool.strict ?? false,
  mocks: [...(tool.mocks ?? [])],
});

/** The editor's state from the parameters (the view's settings). */
export function toolSetDraft(params: GenerationParams): ToolSetDraft {
  const choice = params.tool_choice;
  return {
    tools: (params.tools ?? []).map(draftOf),
    choice: choice === undefined ? 'auto' : typeof choice === 'string' ? choice : choice.function.name,
    mock: params.tool_mock ?? false,
    maxSteps: params.max_tool_steps === undefined ? '' : String(params.max_tool_steps),
  };
}

/** The ready examples, each with a saved mock result. */
export const EXAMPLE_TOOLS: readonly ToolDefinition[] = [
  {
    name: 'get_weather',
    description: 'Get the current weather in a city.',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string', description: 'The city, e.g. Paris' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'], description: 'The temperature unit' },
      },
      required: ['city'],
      additionalProperties: false,
    },
    mocks: ['{"temperature": 18, "unit": "celsius", "conditions": "partly cloudy"}'],
  },
  {
    name: 'calculate',
    description: 'Evaluate an arithmetic expression and return the result.',
    parameters: {
      type: 'object',
      properties: { expression: { type: 'string', description: 'e.g. (12 + 30) * 2' } },
      required: ['expression'],
      additionalProperties: false,
    },
    mocks: ['{"result": 84}'],
  },
  {
    name: 'web_search',
    description: 'Search the web and return the top results.',
    parameters: {
      type: 'object',
      properties: {
        query: { type: 'string', description: 'What to search for' },
        max_results: { type: 'integer', minimum: 1, maximum: 10, description: 'How many results' },
      },
      required: ['query'],
      additionalProperties: false,
    },
    mocks: [
      '{"results": [{"title": "Model Serving", "url": "https://docs.databricks.com/machine-learning/model-serving/"}]}',
    ],
  },
];

/** A blank tool with a name not yet taken. */
export function blankTool(taken: readonly string[]): ToolDraft {
  let n = 1;
  while (taken.includes(`tool_${n}`)) n++;
  return {
    name: `tool_${n}`,
    description: '',
    parameters: pretty({ type: 'object', properties: {}, required: [] }),
    strict: false,
    mocks: [],
  };
}

/** What is wrong with one tool of the set (empty when nothing is). */
export interface ToolProblems {
  name: string | null;
  parameters: string[];
}

/** The problems of tool `index` in `tools`: its name (format, uniqueness) and its parameters schema. */
export function toolProblems(tools: readonly ToolDraft[], index: number): ToolProblems {
  const tool = tools[index] as ToolDraft;
  let name: string | null = null;
  if (!TOOL_NAME_PATTERN.test(tool.name)) name = 'A tool name is 1–64 letters, digits, "_" or "-".';
  else if (tools.some((t, i) => i !== index && t.name === tool.name))
    name = `Another tool is named "${tool.name}"; names must be unique.`;
  const parsed = parseJson(tool.parameters);
  const parameters = parsed.ok ? schemaProblems(parsed.value, true) : [parsed.error];
  return { name, parameters };
}

/** Every problem of the set, as sentences (empty: Save is allowed). */
export function setProblems(draft: ToolSetDraft): string[] {
  const out: string[] = [];
  draft.tools.forEach((tool, i) => {
    const p = toolProblems(draft.tools, i);
    const label = `Tool ${i + 1}${tool.name ? ` ("${tool.name}")` : ''}`;
    if (p.name) out.push(`${label}: ${p.name}`);
    for (const problem of p.parameters) out.push(`${label}: ${problem}`);
  });
  if (
    !(CHOICE_KEYWORDS as readonly string[]).includes(draft.choice) &&
    !draft.tools.some((t) => t.name === draft.choice)
  )
    out.push(`Tool choice names "${draft.choice}", which is not one of the tools.`);
  const steps = maxStepsProblem(draft.maxSteps);
  if (steps) out.push(steps);
  return out;
}

/** Why the Max steps text is refused, or null (empty is the default). */
export function maxStepsProblem(text: string): string | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  if (!Number.isInteger(n) || n < TOOL_STEP_LIMIT.min || n > TOOL_STEP_LIMIT.max)
    return `Max steps is a whole number from ${TOOL_STEP_LIMIT.min} to ${TOOL_STEP_LIMIT.max}.`;
  return null;
}

/** A valid draft tool as a definition (call only when it has no problems). */
function definitionOf(tool: ToolDraft): ToolDefinition {
  const description = tool.description.trim();
  const mocks = tool.mocks.filter((m) => m.trim() !== '');
  return {
    name: tool.name,
    ...(description ? { description } : {}),
    parameters: JSON.parse(tool.parameters) as Record<string, unknown>,
    ...(tool.strict ? { strict: true } : {}),
    ...(mocks.length ? { mocks } : {}),
  };
}

/**
 * `params` with the draft's tools and settings (call only when `setProblems` is empty). No
 * tools: no tools and no tool_choice; 'auto' is the servers' default, so it is left unset
 * (an unset control sends nothing).
 */
export function applyToolSet(params: GenerationParams, draft: ToolSetDraft): GenerationParams {
  const { tools: _tools, tool_choice: _choice, tool_mock: _mock, max_tool_steps: _steps, ...rest } = params;
  const next: GenerationParams = { ...rest };
  if (draft.tools.length > 0) {
    next.tools = draft.tools.map(definitionOf);
    if (draft.choice !== 'auto')
      next.tool_choice = (CHOICE_KEYWORDS as readonly string[]).includes(draft.choice)
        ? (draft.choice as ToolChoice)
        : { type: 'function', function: { name: draft.choice } };
  }
  if (draft.mock) next.tool_mock = true;
  if (draft.maxSteps.trim() !== '') next.max_tool_steps = Number(draft.maxSteps);
  return next;
}

// ---------------------------------------------------------------- files

/** What an exported tool set file holds. */
export const TOOL_SET_KIND = 'serving-studio/tool-set';

/** The set as a JSON file: our tools (mocks included) and the tool choice. */
export function exportToolSet(params: GenerationParams): string {
  return `${JSON.stringify(
    {
      kind: TOOL_SET_KIND,
      version: 1,
      tools: params.tools ?? [],
      ...(params.tool_choice !== undefined ? { tool_choice: params.tool_choice } : {}),
    },
    null,
    2,
  )}\n`;
}

export type ImportResult = { ok: true; tools: ToolDefinition[] } | { ok: false; error: string };

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** One element of a file: our tool, or OpenAI's `{type: "function", function: {…}}`. */
function toolOf(raw: unknown, index: number): ToolDefinition | string {
  const where = `Tool ${index + 1}`;
  if (!isObj(raw)) return `${where} is not an object.`;
  let candidate: unknown = raw;
  if ('function' in raw || raw.type !== undefined) {
    if (raw.type !== 'function' || !isObj(raw.function))
      return `${where} is not a function tool ({"type": "function", "function": {…}}).`;
    candidate = raw.function;
  }
  const parsed = toolDefinitionSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') || 'tool';
    return `${where}: ${path}: ${issue?.message ?? 'invalid'}`;
  }
  const problems = schemaProblems(parsed.data.parameters, true);
  if (problems.length > 0) return `${where} ("${parsed.data.name}"): ${problems[0]}`;
  return parsed.data;
}

/**
 * A tool set from a file's text: our export (`{kind, tools}`), a request body's or any
 * object's `tools`, or a bare `tools` array as OpenAI writes it. Any invalid tool refuses the
 * whole file, with a sentence saying which and why.
 */
export function parseToolSet(text: string): ImportResult {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, error: `This file is not JSON. ${parsed.error}` };
  const value = parsed.value;
  const list = Array.isArray(value) ? value : isObj(value) && Array.isArray(value.tools) ? value.tools : null;
  if (!list)
    return {
      ok: false,
      error: 'This file holds no tools: expected a tool set exported here, or a "tools" array of functions.',
    };
  if (list.length === 0) return { ok: false, error: 'This file holds an empty tool list.' };
  const tools: ToolDefinition[] = [];
  for (const [i, raw] of list.entries()) {
    const tool = toolOf(raw, i);
    if (typeof tool === 'string') return { ok: false, error: tool };
    if (tools.some((t) => t.name === tool.name))
      return { ok: false, error: `Two tools are named "${tool.name}"; names must be unique.` };
    tools.push(tool);
  }
  return { ok: true, tools };
}
