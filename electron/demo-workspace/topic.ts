/**
 * Reads what a prompt is about, so the demo answers reuse the user's own words: key words,
 * a short topic phrase, whether code is wanted (and in which language) and how long the
 * answer should be.
 */

export const STOPWORDS = new Set(
  (
    'a an the and or but if then else of to in on at by for with about from into over under as is are was ' +
    'were be been being am do does did doing have has had having i me my we our you your he she it its they ' +
    'them their this that these those what which who whom whose why how when where there here can could ' +
    'would should will shall may might must not no yes so than too very just also only some any all each ' +
    'more most other such own same few both up down out off again once please tell give show write explain ' +
    'describe make create list simple terms briefly brief short long detailed detail answer question ' +
    'help need want like know using use used way ways thing things something let lets us hello hi hey ' +
    'thanks thank okay ok sure really quite get got one two three many much kind sort'
  ).split(' '),
);

/** Languages the code blocks can be written in, keyed by words that ask for them. */
const LANGUAGE_HINTS: readonly [RegExp, string][] = [
  [/\b(typescript|ts|react|node|javascript|js|npm)\b/i, 'typescript'],
  [/\b(sql|query|queries|table|database|select)\b/i, 'sql'],
  [/\b(bash|shell|curl|terminal|cli)\b/i, 'bash'],
  [/\b(rust|cargo)\b/i, 'rust'],
  [/\b(golang|go)\b/i, 'go'],
  [/\b(java|kotlin)\b/i, 'java'],
];

/** What the generators need to know about a prompt. */
export interface Topic {
  /** Content words in order of appearance, lower case, at most 8. */
  keywords: string[];
  /** A two-or-three-word phrase naming the subject, lower case. */
  phrase: string;
  /** The phrase in Title Case, for headings. */
  title: string;
  /** The user asked for code (or the prompt is code). */
  wantsCode: boolean;
  /** Fenced-code language for examples. */
  language: string;
  /** The prompt is only a greeting. */
  greeting: boolean;
  /** Multiplier on the natural answer length (short/long/story…). */
  lengthFactor: number;
  /** An explicit length asked for ("in 300 words"), in tokens, or null. */
  requestedTokens: number | null;
}

/** Title-cases a phrase ("quantum computing" → "Quantum Computing"). */
export function titleCase(phrase: string): string {
  return phrase.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}

/** Content words of a text: letters only, no stop words, deduplicated, in order. */
export function keywordsOf(text: string, limit = 8): string[] {
  const seen = new Set<string>();
  for (const match of text.toLowerCase().matchAll(/[\p{L}][\p{L}\p{N}_-]*/gu)) {
    const word = match[0].replace(/[-_]+$/, '');
    if (word.length < 3 || STOPWORDS.has(word) || seen.has(word)) continue;
    seen.add(word);
    if (seen.size >= limit) break;
  }
  return [...seen];
}

function lengthFactorOf(text: string): number {
  if (/\b(one sentence|one line|tl;?dr|in a word|briefly|short|quick|concise)\b/i.test(text)) return 0.45;
  if (/\b(story|essay|detailed|in depth|in-depth|comprehensive|long|thorough|guide|tutorial)\b/i.test(text))
    return 1.8;
  if (/\b(simple terms|simply|eli5|summar)/i.test(text)) return 0.8;
  return 1;
}

function requestedTokensOf(text: string): number | null {
  const match = /\b(\d{2,6})\s*(words|tokens)\b/i.exec(text);
  if (!match) return null;
  const amount = Number(match[1]);
  // Words are ~1.3 tokens each with this tokenizer; tokens are taken as asked.
  return Math.min(200_000, Math.round(match[2]?.toLowerCase() === 'words' ? amount * 1.3 : amount));
}

/** Analyses a prompt. `text` is the last user message (chat) or the prompt (completions). */
export function readTopic(text: string): Topic {
  const keywords = keywordsOf(text);
  const phrase = keywords.slice(0, Math.min(2, keywords.length)).join(' ') || 'this topic';
  const language = LANGUAGE_HINTS.find(([pattern]) => pattern.test(text))?.[1] ?? 'python';
  const wantsCode =
    /\b(code|function|script|program|implement|class|snippet|algorithm|regex|python|sql|typescript|javascript|bash)\b/i.test(
      text,
    ) || /\bdef \w+\(|function \w+\(|=>|[{};]\s*$/m.test(text);
  const greeting = /^\s*(hi|hello|hey|greetings|good (morning|afternoon|evening))\b[\s!.,?]*$/i.test(text);
  return {
    keywords: keywords.length > 0 ? keywords : ['topic'],
    phrase,
    title: titleCase(phrase),
    wantsCode,
    language,
    greeting,
    // A bare greeting gets a short, friendly answer, not an essay.
    lengthFactor: greeting ? 0.3 : lengthFactorOf(text),
    requestedTokens: requestedTokensOf(text),
  };
}
