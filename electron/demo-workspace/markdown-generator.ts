import { codeSample } from './code-samples';
import {
  ADJECTIVES,
  CLOSINGS,
  GREETINGS,
  LINKS,
  NOUNS,
  OPENINGS,
  SECTION_TITLES,
  SENTENCES,
  STEP_VERBS,
  TABLE_ASPECTS,
  TABLE_VALUES,
  VERBS,
} from './phrases';
import type { Sampler } from './sampler';
import { countTokens } from './tokenizer';
import { type Topic, titleCase } from './topic';

/**
 * The demo chat "model": composes a markdown answer about the prompt's topic from phrase
 * banks. Every answer of normal length has a heading, paragraphs, a bullet list, a numbered
 * list, a GFM table, a fenced code block, inline code and a link; `### ` sub-headings and the
 * occasional "END" let stop sequences be seen working.
 */

interface Ctx {
  topic: Topic;
  s: Sampler;
}

/** Fills a phrase template's placeholders from the topic and fresh sampled words. */
export function fill(template: string, { topic, s }: Ctx): string {
  const k = topic.keywords;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    switch (key) {
      case 'topic':
        return topic.phrase;
      case 'Topic':
        return topic.title;
      case 'k1':
        return k[0] ?? topic.phrase;
      case 'k2':
        return k[1] ?? k[0] ?? topic.phrase;
      case 'k3':
        return k[2] ?? k[k.length - 1] ?? topic.phrase;
      case 'adj':
        return s.pick(ADJECTIVES);
      case 'noun':
        return s.pick(NOUNS);
      case 'verb':
        return s.pick(VERBS);
      default:
        return key;
    }
  });
}

function sentences(ctx: Ctx, min: number, max: number): string {
  const count = ctx.s.int(min, max);
  return Array.from({ length: count }, () => fill(ctx.s.pick(SENTENCES), ctx)).join(' ');
}

function keyword(ctx: Ctx, i: number): string {
  const k = ctx.topic.keywords;
  return k[i % k.length] ?? ctx.topic.phrase;
}

function intro(ctx: Ctx): string {
  const [label, url] = ctx.s.pick(LINKS);
  const heading = ctx.s.index(4) === 0 ? `# ${ctx.topic.title}` : `## ${ctx.topic.title}`;
  const opening = fill(ctx.s.pick(OPENINGS), ctx);
  return `${heading}\n\n${opening} ${sentences(ctx, 1, 3)} For background, see [${label}](${url}); in code you will often meet it as \`${keyword(ctx, 0)}\`.`;
}

function bullets(ctx: Ctx): string {
  const title = fill(ctx.s.pick(SECTION_TITLES), ctx);
  const count = ctx.s.int(3, 5);
  const items = Array.from({ length: count }, (_, i) => {
    const word = titleCase(keyword(ctx, i));
    return `- **${word}**: ${fill(ctx.s.pick(SENTENCES), ctx)}`;
  });
  return `### ${title}\n\n${items.join('\n')}`;
}

function numbered(ctx: Ctx): string {
  const count = ctx.s.int(3, 6);
  const verbs = ctx.s.shuffle(STEP_VERBS).slice(0, count);
  const items = verbs.map(
    (verb, i) => `${i + 1}. ${verb} ${keyword(ctx, i)}. ${fill(ctx.s.pick(SENTENCES), ctx)}`,
  );
  return `### Step by step\n\n${sentences(ctx, 1, 1)}\n\n${items.join('\n')}`;
}

function table(ctx: Ctx): string {
  const a = titleCase(keyword(ctx, 0));
  const b = titleCase(keyword(ctx, 1) === keyword(ctx, 0) ? 'alternatives' : keyword(ctx, 1));
  const aspects = ctx.s.shuffle(TABLE_ASPECTS).slice(0, ctx.s.int(3, 5));
  const rows = aspects.map(
    (aspect) => `| ${aspect} | ${ctx.s.pick(TABLE_VALUES)} | ${ctx.s.pick(TABLE_VALUES)} |`,
  );
  return `### ${a} vs. ${b} at a glance\n\n| Aspect | ${a} | ${b} |\n| --- | --- | --- |\n${rows.join('\n')}`;
}

function code(ctx: Ctx): string {
  const sample = codeSample(ctx.topic, ctx.s);
  const lead = `Here is a small ${ctx.topic.language} example you can adapt:`;
  return `### Example\n\n${lead}\n\n\`\`\`${ctx.topic.language}\n${sample}\n\`\`\`\n\n${sentences(ctx, 1, 2)}`;
}

function paragraphSection(ctx: Ctx): string {
  const title = fill(ctx.s.pick(SECTION_TITLES), ctx);
  return `### ${title}\n\n${sentences(ctx, 2, 4)}\n\n${sentences(ctx, 2, 4)}`;
}

function quote(ctx: Ctx): string {
  return `> **Tip:** ${fill(ctx.s.pick(SENTENCES), ctx)}`;
}

function greetingAnswer(ctx: Ctx): string[] {
  return [
    `${ctx.s.pick(GREETINGS)} How can I help you today?`,
    '### What I can do\n\n- Answer with **markdown**: lists, tables and `code`\n- Honour `max_tokens`, `stop`, `temperature` and `n`\n- Stream tokens at a configurable speed',
    `| Parameter | Effect |\n| --- | --- |\n| \`temperature\` | ${ctx.s.pick(['More variety', 'More randomness', 'Less predictable text'])} |\n| \`max_tokens\` | Cuts the answer |`,
    'See [the Databricks documentation](https://docs.databricks.com/) for the real API.',
  ];
}

/** Natural answer length in tokens for a topic (before max_tokens), varying by prompt. */
export function naturalLength(topic: Topic, s: Sampler): number {
  if (topic.requestedTokens !== null) return topic.requestedTokens;
  return Math.round(s.int(300, 800) * topic.lengthFactor);
}

/**
 * Writes a markdown answer of roughly `targetTokens` tokens (at least the core sections).
 * Sections are separated by blank lines.
 */
export function generateMarkdown(topic: Topic, s: Sampler, targetTokens: number): string {
  const ctx: Ctx = { topic, s };
  if (topic.greeting && targetTokens < 400) return greetingAnswer(ctx).join('\n\n');
  const core = topic.wantsCode
    ? [intro, code, bullets, numbered, table]
    : [intro, bullets, numbered, table, code];
  const extras = [paragraphSection, bullets, quote, paragraphSection, numbered, table, code];
  const parts: string[] = [];
  let tokens = 0;
  const add = (part: string): void => {
    parts.push(part);
    tokens += countTokens(part) + 1;
  };
  for (const section of core) {
    // Answers asked to be short stop after the essentials; all others carry every markdown feature.
    if (parts.length >= 2 && tokens >= targetTokens && topic.lengthFactor <= 0.5) break;
    add(section(ctx));
  }
  let round = 0;
  while (tokens < targetTokens) {
    add((extras[(s.index(extras.length) + round) % extras.length] as (c: Ctx) => string)(ctx));
    round += 1;
  }
  parts.push(fill(s.pick(CLOSINGS), ctx));
  return parts.join('\n\n');
}
