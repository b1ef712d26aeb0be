import { describe, expect, it } from 'vitest';
import {
  applyToolSet,
  blankTool,
  draftOf,
  EXAMPLE_TOOLS,
  exportToolSet,
  parseToolSet,
  setProblems,
  type ToolSetDraft,
  toolProblems,
  toolSetDraft,
} from '../../../../../renderer/components/tools/tool-set';
import { validateParams } from '../../../../../shared/limits';
import { wireParams } from '../../../../../shared/request-body';

/* The tools editor's logic: live validation, what Save writes, and tool set files. */

const weather = EXAMPLE_TOOLS[0];
if (!weather) throw new Error('no examples');

const draft = (patch: Partial<ToolSetDraft> = {}): ToolSetDraft => ({
  tools: [draftOf(weather)],
  choice: 'auto',
  mock: false,
  maxSteps: '',
  ...patch,
});

describe('examples', () => {
  it('are valid tools with a saved mock each, and pass the send-time checks', () => {
    expect(EXAMPLE_TOOLS.map((t) => t.name)).toEqual(['get_weather', 'calculate', 'web_search']);
    for (const tool of EXAMPLE_TOOLS) expect(tool.mocks?.length).toBeGreaterThan(0);
    const params = { tools: [...EXAMPLE_TOOLS] };
    expect(validateParams(params, 'chat', null)).toEqual([]);
    expect(setProblems(toolSetDraft(params))).toEqual([]);
    // get_weather has {city, unit enum}; web_search an integer max_results.
    expect(JSON.stringify(weather.parameters)).toContain('"enum":["celsius","fahrenheit"]');
    expect(JSON.stringify(EXAMPLE_TOOLS[2]?.parameters)).toContain('"max_results":{"type":"integer"');
  });
});

describe('validation as the user types', () => {
  it('reports invalid JSON, a schema whose root is not an object, and keeps the text', () => {
    const broken = { ...draftOf(weather), parameters: '{"type": "object", "properties": {' };
    const p = toolProblems([broken], 0);
    expect(p.parameters[0]).toMatch(/^Not valid JSON/);
    expect(broken.parameters).toBe('{"type": "object", "properties": {');

    const notObject = { ...draftOf(weather), parameters: '{"type": "string"}' };
    expect(toolProblems([notObject], 0).parameters).toContain('The root must have "type": "object".');

    const badRequired = {
      ...draftOf(weather),
      parameters: '{"type":"object","properties":{},"required":["x"]}',
    };
    expect(toolProblems([badRequired], 0).parameters[0]).toContain('"required" names "x"');
  });

  it('refuses bad and duplicate names, a choice naming no tool, and steps out of range', () => {
    expect(toolProblems([{ ...draftOf(weather), name: 'get weather' }], 0).name).toContain('1–64 letters');
    const twice = [draftOf(weather), draftOf(weather)];
    expect(toolProblems(twice, 1).name).toContain('names must be unique');
    expect(setProblems(draft({ choice: 'calculate' }))).toEqual([
      'Tool choice names "calculate", which is not one of the tools.',
    ]);
    expect(setProblems(draft({ maxSteps: '30' }))).toEqual(['Max steps is a whole number from 1 to 25.']);
    expect(setProblems(draft({ maxSteps: '2.5' }))).toHaveLength(1);
    expect(setProblems(draft({ maxSteps: '25' }))).toEqual([]);
  });

  it('names a blank tool with a name not yet taken', () => {
    expect(blankTool(['tool_1']).name).toBe('tool_2');
    expect(setProblems(draft({ tools: [blankTool([])] }))).toEqual([]);
  });
});

describe('Save', () => {
  it('writes tools, a named choice, mock mode and max steps into the parameters, keeping the rest', () => {
    const next = applyToolSet(
      { temperature: 0.2, tool_choice: 'none' },
      draft({ choice: 'get_weather', mock: true, maxSteps: '3' }),
    );
    expect(next).toEqual({
      temperature: 0.2,
      tools: [weather],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      tool_mock: true,
      max_tool_steps: 3,
    });
    // On the wire: the tool without its mocks; the app-only settings stay home.
    const wire = wireParams(next);
    expect(JSON.stringify(wire)).not.toContain('mocks');
    expect(wire).not.toHaveProperty('tool_mock');
    expect(wire).not.toHaveProperty('max_tool_steps');
  });

  it('leaves auto unset and removes the tools and their choice when none are left', () => {
    expect(applyToolSet({}, draft())).toEqual({ tools: [weather] });
    expect(applyToolSet({ tools: [weather], tool_choice: 'required' }, draft({ tools: [] }))).toEqual({});
  });

  it('round-trips through the editor state', () => {
    const params = { tools: [weather], tool_choice: 'required' as const, max_tool_steps: 7 };
    expect(applyToolSet({}, toolSetDraft(params))).toEqual(params);
  });
});

describe('tool set files', () => {
  it('imports our export, mocks included', () => {
    const text = exportToolSet({ tools: [...EXAMPLE_TOOLS], tool_choice: 'auto' });
    expect(JSON.parse(text)).toMatchObject({ kind: 'serving-studio/tool-set', version: 1 });
    expect(parseToolSet(text)).toEqual({ ok: true, tools: [...EXAMPLE_TOOLS] });
  });

  it('imports a bare OpenAI tools array and a request body', () => {
    const openai = [
      {
        type: 'function',
        function: {
          name: 'lookup',
          description: 'Look something up',
          parameters: { type: 'object', properties: { q: { type: 'string' } } },
          strict: true,
        },
      },
    ];
    const expected = {
      ok: true,
      tools: [
        {
          name: 'lookup',
          description: 'Look something up',
          parameters: { type: 'object', properties: { q: { type: 'string' } } },
          strict: true,
        },
      ],
    };
    expect(parseToolSet(JSON.stringify(openai))).toEqual(expected);
    expect(parseToolSet(JSON.stringify({ model: 'x', messages: [], tools: openai }))).toEqual(expected);
  });

  it('refuses invalid files with a specific reason', () => {
    expect(parseToolSet('{oops')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^This file is not JSON/),
    });
    expect(parseToolSet('{"messages": []}')).toMatchObject({
      ok: false,
      error: expect.stringContaining('holds no tools'),
    });
    expect(parseToolSet('[]')).toMatchObject({ ok: false, error: 'This file holds an empty tool list.' });
    expect(parseToolSet('[{"type": "code_interpreter"}]')).toMatchObject({
      ok: false,
      error: expect.stringContaining('Tool 1 is not a function tool'),
    });
    expect(
      parseToolSet('[{"type":"function","function":{"name":"a b","parameters":{"type":"object"}}}]'),
    ).toMatchObject({
      ok: false,
      error: expect.stringContaining('Tool 1: name: A tool name is 1–64'),
    });
    expect(parseToolSet('[{"name":"a","parameters":{"type":"string"}}]')).toMatchObject({
      ok: false,
      error: 'Tool 1 ("a"): The root must have "type": "object".',
    });
    const twice = JSON.stringify([weather, weather]);
    expect(parseToolSet(twice)).toMatchObject({
      ok: false,
      error: expect.stringContaining('Two tools are named'),
    });
  });
});
