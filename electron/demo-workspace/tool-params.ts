import { capabilitiesFor, featureRefusal, type ModelCapabilities } from '../../shared/model-capabilities';
import type { DemoEndpoint } from './endpoints';
import { invalidParameter, isRecord } from './http-util';

/**
 * Reads and checks `tools`, `tool_choice`, `parallel_tool_calls` and the answer format, as
 * Chat Completions spells them (`{type:"function", function:{…}}`, `response_format`) and as
 * the Responses API does (flat tools, `{type:"function", name}`, `text.format`). Refuses what
 * real endpoints refuse: tools on a model that takes none, `strict` on a non-GPT model, a
 * named choice that names no tool, a schema that is not an object schema.
 */

/** One function the model may call. */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** `tool_choice`: a named choice keeps only the name. */
export type ToolChoiceIn = 'auto' | 'none' | 'required' | { name: string };

/** The tools of a request, with how the model may use them. */
export interface ToolOptions {
  tools: ToolSpec[];
  choice: ToolChoiceIn;
  /** `parallel_tool_calls` (default true): false calls one tool per step. */
  parallel: boolean;
}

/** How the answer's text must be shaped. */
export type AnswerFormat =
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema: Record<string, unknown>; strict?: boolean };

/** Which API's spelling a request uses. */
export type Api = 'chat' | 'responses';

const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_TOOLS = 128;

/** The endpoint's row of the capability table. */
export const capabilitiesOf = (endpoint: DemoEndpoint): ModelCapabilities =>
  capabilitiesFor({ name: endpoint.name, model: endpoint.servedModel, task: endpoint.task });

const isGpt = (caps: ModelCapabilities): boolean => caps.family.startsWith('GPT');

function checkName(name: unknown, where: string): string {
  if (typeof name !== 'string' || !NAME.test(name))
    throw invalidParameter(
      `${where} must be 1 to 64 letters, digits, underscores or dashes (^[A-Za-z0-9_-]{1,64}$); got ${JSON.stringify(name)}.`,
    );
  return name;
}

/** A JSON Schema that describes an object (what parameters and answer schemas must be). */
function checkObjectSchema(schema: unknown, where: string): Record<string, unknown> {
  if (!isRecord(schema)) throw invalidParameter(`${where} must be a JSON Schema object.`);
  if (schema.type !== undefined && schema.type !== 'object')
    throw invalidParameter(
      `${where} must describe an object ("type": "object"); got type ${JSON.stringify(schema.type)}.`,
    );
  if (schema.properties !== undefined && !isRecord(schema.properties))
    throw invalidParameter(`${where}.properties must be an object.`);
  if (
    schema.required !== undefined &&
    !(Array.isArray(schema.required) && schema.required.every((k) => typeof k === 'string'))
  )
    throw invalidParameter(`${where}.required must be a list of property names.`);
  return schema;
}

function checkStrict(value: unknown, where: string, caps: ModelCapabilities): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isGpt(caps))
    throw invalidParameter(
      `${where}.strict is not supported by ${caps.family} models; remove it from the tool.`,
    );
  if (typeof value !== 'boolean') throw invalidParameter(`${where}.strict must be true or false.`);
  return value;
}

function readTool(tool: unknown, i: number, api: Api, caps: ModelCapabilities): ToolSpec {
  const where = `tools[${i}]`;
  if (!isRecord(tool)) throw invalidParameter(`${where} must be an object.`);
  if (tool.type !== 'function')
    throw invalidParameter(`${where}.type must be "function"; got ${JSON.stringify(tool.type)}.`);
  if (api === 'responses' && tool.function !== undefined && tool.name === undefined)
    throw invalidParameter(
      `Missing required parameter: '${where}.name'. The Responses API takes flat tools: {"type": "function", "name", "parameters"}.`,
    );
  const fn = api === 'chat' ? tool.function : tool;
  const at = api === 'chat' ? `${where}.function` : where;
  if (!isRecord(fn)) throw invalidParameter(`${at} is required: {"name", "description", "parameters"}.`);
  const name = checkName(fn.name, `${at}.name`);
  if (fn.description !== undefined && fn.description !== null && typeof fn.description !== 'string')
    throw invalidParameter(`${at}.description must be a string.`);
  const parameters =
    fn.parameters === undefined || fn.parameters === null
      ? { type: 'object', properties: {} }
      : checkObjectSchema(fn.parameters, `${at}.parameters`);
  checkStrict(fn.strict, at, caps);
  return { name, description: typeof fn.description === 'string' ? fn.description : '', parameters };
}

function readChoice(value: unknown, tools: ToolSpec[], api: Api): ToolChoiceIn {
  if (value === undefined || value === null) return 'auto';
  if (value === 'auto' || value === 'none' || value === 'required') return value;
  const named =
    isRecord(value) && value.type === 'function' ? (api === 'chat' ? value.function : value) : undefined;
  if (!isRecord(named)) {
    const shape =
      api === 'chat' ? '{"type": "function", "function": {"name"}}' : '{"type": "function", "name"}';
    throw invalidParameter(
      `tool_choice must be "auto", "none", "required" or ${shape}; got ${JSON.stringify(value)}.`,
    );
  }
  const name = checkName(named.name, 'tool_choice name');
  if (!tools.some((t) => t.name === name))
    throw invalidParameter(`tool_choice names the function "${name}", which is not in tools.`);
  return { name };
}

/** The request's tools, or null when it has none; throws a 400 on anything wrong. */
export function readToolOptions(
  body: Record<string, unknown>,
  endpoint: DemoEndpoint,
  api: Api,
): ToolOptions | null {
  const absent = (k: string) => body[k] === undefined || body[k] === null;
  if (absent('tools')) {
    if (!absent('tool_choice'))
      throw invalidParameter('tool_choice is only allowed when tools are specified.');
    return null;
  }
  const caps = capabilitiesOf(endpoint);
  const refused = featureRefusal(caps, 'tools');
  if (refused) throw invalidParameter(`Model ${endpoint.name} does not support tools: ${refused}`);
  if (!Array.isArray(body.tools) || body.tools.length === 0)
    throw invalidParameter('tools must be a non-empty list of functions.');
  if (body.tools.length > MAX_TOOLS)
    throw invalidParameter(`tools may contain at most ${MAX_TOOLS} functions; got ${body.tools.length}.`);
  const tools = body.tools.map((t, i) => readTool(t, i, api, caps));
  const seen = new Set<string>();
  for (const t of tools) {
    if (seen.has(t.name))
      throw invalidParameter(`Two tools are named "${t.name}"; tool names must be unique.`);
    seen.add(t.name);
  }
  if (!absent('parallel_tool_calls') && typeof body.parallel_tool_calls !== 'boolean')
    throw invalidParameter('parallel_tool_calls must be true or false.');
  return {
    tools,
    choice: readChoice(body.tool_choice, tools, api),
    parallel: body.parallel_tool_calls !== false,
  };
}

/** Reads one format object (`response_format`, or the Responses API's `text.format`). */
function readFormat(value: unknown, where: string, api: Api, endpoint: DemoEndpoint): AnswerFormat | null {
  if (value === undefined || value === null) return null;
  if (!isRecord(value) || typeof value.type !== 'string')
    throw invalidParameter(`${where} must be an object with a type: "text", "json_object" or "json_schema".`);
  if (value.type === 'text') return null;
  if (value.type !== 'json_object' && value.type !== 'json_schema')
    throw invalidParameter(
      `${where}.type must be "text", "json_object" or "json_schema"; got ${JSON.stringify(value.type)}.`,
    );
  const refused = featureRefusal(capabilitiesOf(endpoint), 'structuredOutputs');
  if (refused) throw invalidParameter(`Model ${endpoint.name} does not support ${where}: ${refused}`);
  if (value.type === 'json_object') return { type: 'json_object' };
  const spec = api === 'chat' ? value.json_schema : value;
  const at = api === 'chat' ? `${where}.json_schema` : where;
  if (!isRecord(spec))
    throw invalidParameter(`${at} is required for type "json_schema": {"name", "schema", "strict"}.`);
  const name = checkName(spec.name, `${at}.name`);
  const schema = checkObjectSchema(spec.schema, `${at}.schema`);
  if (spec.strict !== undefined && spec.strict !== null && typeof spec.strict !== 'boolean')
    throw invalidParameter(`${at}.strict must be true or false.`);
  return {
    type: 'json_schema',
    name,
    schema,
    ...(typeof spec.strict === 'boolean' ? { strict: spec.strict } : {}),
  };
}

/** The answer format of a request (`response_format`, or `text.format`), null for plain text. */
export function readAnswerFormat(
  body: Record<string, unknown>,
  endpoint: DemoEndpoint,
  api: Api,
): AnswerFormat | null {
  if (api === 'chat') return readFormat(body.response_format, 'response_format', api, endpoint);
  if (body.text === undefined || body.text === null) return null;
  if (!isRecord(body.text)) throw invalidParameter('text must be an object: {"format": {…}}.');
  return readFormat(body.text.format, 'text.format', api, endpoint);
}
