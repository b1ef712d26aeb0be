import { mulberry32 as prng } from '../../../electron/demo-workspace/sampler';
import { tokenize } from '../../../electron/demo-workspace/tokenizer';

/**
 * The benchmark's answers: deterministic markdown that looks like what models write in long
 * answers (prose with inline code and links, nested lists, tables, fenced code in several
 * languages), so every renderer in a run gets exactly the same text.
 */

const WORDS =
  'the endpoint serves tokens with latency under load while the batch scheduler keeps throughput steady across replicas and the cache warms each shard so that requests reuse prefixes when prompts share context windows models answer faster after quantisation yet accuracy holds for most evaluation suites we measured on the held out set'.split(
    ' ',
  );
const IDENTIFIERS = [
  'max_tokens',
  'top_p',
  'stream()',
  'served_entities',
  'ttft_ms',
  'batch.size',
  'retry_after',
];
const LANGUAGES = ['ts', 'python', 'sql', 'bash', 'json', 'go', 'rust', 'yaml'];

function sentence(rand: () => number): string {
  const length = 8 + Math.floor(rand() * 14);
  const words: string[] = [];
  for (let i = 0; i < length; i++) {
    const roll = rand();
    if (roll < 0.06) words.push(`\`${IDENTIFIERS[Math.floor(rand() * IDENTIFIERS.length)]}\``);
    else if (roll < 0.09)
      words.push(`[the ${WORDS[Math.floor(rand() * WORDS.length)]} guide](https://docs.example.com/${i})`);
    else words.push(WORDS[Math.floor(rand() * WORDS.length)] as string);
  }
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

const paragraph = (rand: () => number, sentences: number) =>
  Array.from({ length: sentences }, () => sentence(rand)).join(' ');

function nestedList(rand: () => number): string {
  const lines: string[] = [];
  for (let i = 1; i <= 4; i++) {
    lines.push(`${i}. **Step ${i}:** ${sentence(rand)}`);
    for (let j = 0; j < 2; j++) {
      lines.push(`   - ${sentence(rand)}`);
      if (rand() < 0.5) lines.push(`     - ${sentence(rand)}`);
    }
  }
  return lines.join('\n');
}

function table(rand: () => number): string {
  const rows = ['| Model | p50 latency | Throughput | Notes |', '| --- | ---: | ---: | --- |'];
  for (let i = 0; i < 6; i++) {
    const latency = (50 + rand() * 400).toFixed(0);
    const rate = (20 + rand() * 200).toFixed(1);
    rows.push(`| model-${i} | ${latency} ms | ${rate} tok/s | ${sentence(rand).slice(0, 48)} |`);
  }
  return rows.join('\n');
}

function codeBlock(rand: () => number, index: number): string {
  const language = LANGUAGES[index % LANGUAGES.length] as string;
  const lines: string[] = [];
  for (let i = 0; i < 30; i++) {
    const name = `${WORDS[Math.floor(rand() * WORDS.length)]}_${i}`;
    lines.push(
      language === 'python'
        ? `    ${name} = client.predict(endpoint="${name}", inputs={"n": ${i}})`
        : language === 'sql'
          ? `SELECT ${name}, count(*) FROM serving_logs WHERE latency_ms > ${i * 10} GROUP BY 1;`
          : `  const ${name} = await serve({ name: "${name}", maxTokens: ${i * 64} }); // ${WORDS[i % WORDS.length]}`,
    );
  }
  return `\`\`\`${language}\n${lines.join('\n')}\n\`\`\``;
}

/**
 * A markdown answer of at least `targetBytes` bytes ending in `sentinel` (a word of 8 letters
 * or fewer, so it is one token and appears on screen only with the last token).
 */
export function benchmarkAnswer(targetBytes: number, sentinel: string, seed = 7): string {
  const rand = prng(seed);
  const sections: string[] = [];
  let size = 0;
  for (let n = 1; size < targetBytes; n++) {
    const section = [
      `## ${n}. ${sentence(rand).slice(0, 40)}`,
      paragraph(rand, 5),
      nestedList(rand),
      paragraph(rand, 3),
      table(rand),
      codeBlock(rand, n),
      paragraph(rand, 4),
    ].join('\n\n');
    sections.push(section);
    size += Buffer.byteLength(section) + 2;
  }
  return `${sections.join('\n\n')}\n\nThat is the whole answer. ${sentinel}`;
}

/** The first `tokens` tokens of `text` (whole tokens) followed by ` sentinel`. */
export function answerOfTokens(text: string, tokens: number, sentinel: string): string {
  const pieces = tokenize(text);
  const body: string[] = [];
  while (body.length < tokens) body.push(...pieces.slice(0, tokens - body.length));
  return `${body.join('')}\n\nEnd of answer. ${sentinel}`;
}

/** Counts the demo tokenizer's tokens (what the demo streams one by one). */
export const tokenCount = (text: string): number => tokenize(text).length;
