/**
 * Phrase banks for the demo text generator. Placeholders: {topic} the topic phrase, {Topic}
 * its title case, {k1} {k2} {k3} key words from the prompt, {adj} an adjective, {noun} a
 * generic noun, {verb} a verb. Each bank's first entries are the most "typical" ones; the
 * sampler picks among them (greedy at temperature 0, wider as temperature rises).
 */

export const ADJECTIVES = [
  'practical',
  'core',
  'important',
  'common',
  'surprising',
  'useful',
  'subtle',
  'fundamental',
  'overlooked',
  'powerful',
  'elegant',
  'tricky',
] as const;

export const NOUNS = [
  'idea',
  'principle',
  'trade-off',
  'pattern',
  'detail',
  'constraint',
  'assumption',
  'mechanism',
  'habit',
  'signal',
] as const;

export const VERBS = [
  'shapes',
  'simplifies',
  'explains',
  'drives',
  'limits',
  'connects to',
  'builds on',
  'depends on',
  'clarifies',
  'influences',
] as const;

export const OPENINGS = [
  'At its heart, **{topic}** is about a few {adj} ideas that fit together once you see how they connect.',
  'Great question! **{Topic}** can sound intimidating, but the {adj} parts are easier than they look.',
  'Here is a clear overview of **{topic}**, starting with the big picture and ending with a worked example.',
  'Think of **{topic}** as a toolkit: each piece solves one {adj} problem, and together they cover most cases.',
  'Sure — let me walk through **{topic}** step by step, with a table and a short code sample at the end.',
  'The short version: **{topic}** is mostly about how {k1} {verb} {k2}, and why that matters in practice.',
  'Many people first meet **{topic}** through {k2}; that is a fine place to start, but the real story is wider.',
] as const;

export const SENTENCES = [
  'The key {noun} is that {k1} {verb} everything else, so it deserves attention first.',
  'In practice, {k2} matters most when the inputs are large or the constraints are tight.',
  'A {adj} way to think about it is to separate what {k1} does from how {k2} is measured.',
  'Most mistakes come from treating {k1} and {k3} as the same thing, when they answer different questions.',
  'Experts usually start small: they check one {noun} at a time and only then combine them.',
  'This is also why {topic} tends to reward patience more than cleverness.',
  'When something looks wrong, the {adj} move is to inspect {k2} before changing anything else.',
  'Over time, the {noun} behind {k1} becomes second nature and the rest follows from it.',
  'It helps to write down your assumptions about {k3}, because they are easy to forget later.',
  'None of this requires special tools; a notebook and a few honest measurements go a long way.',
  'The same {noun} shows up again in related fields, which makes it worth learning well once.',
  'If you only remember one thing, remember that {k1} is a means, not the goal.',
  'Good examples make {topic} concrete: pick one, follow it end to end, and note what surprised you.',
  'Edge cases around {k2} are where most of the interesting behaviour hides.',
] as const;

export const SECTION_TITLES = [
  'Key ideas',
  'How it works',
  'Why it matters',
  'Common pitfalls',
  'A closer look at {k1}',
  'Where {k2} fits in',
  'Practical tips',
  'Going further',
  'Frequently asked questions',
  'Real-world examples',
] as const;

export const STEP_VERBS = [
  'Start by defining',
  'Measure',
  'Compare',
  'Write down',
  'Test',
  'Simplify',
  'Review',
  'Automate',
  'Document',
  'Revisit',
] as const;

export const TABLE_ASPECTS = [
  'Goal',
  'Typical cost',
  'Complexity',
  'Best for',
  'Main risk',
  'Learning curve',
  'Speed',
  'Maturity',
] as const;

export const TABLE_VALUES = [
  'Low',
  'Medium',
  'High',
  'Varies',
  'Quick wins',
  'Large projects',
  'Exploration',
  'Steady',
  'Fast',
  'Moderate',
  'Well understood',
  'Still evolving',
] as const;

export const LINKS = [
  ['the Databricks documentation', 'https://docs.databricks.com/'],
  ['Wikipedia', 'https://en.wikipedia.org/wiki/Main_Page'],
  ['the MDN Web Docs', 'https://developer.mozilla.org/'],
  ['the Python tutorial', 'https://docs.python.org/3/tutorial/'],
] as const;

export const CLOSINGS = [
  'That covers the essentials of **{topic}**. Want me to go deeper on {k1} or {k2}?',
  'In short, {topic} rewards a steady, measured approach. Let me know which part to expand.',
  'I hope this helps! If you share more context about {k2}, I can tailor the example.',
  'Summary: understand {k1}, measure {k2}, and iterate. The rest is practice — from START to END.',
  'That is the whole picture in brief. END of overview — ask away if anything is unclear.',
] as const;

export const GREETINGS = [
  'Hello! 👋 I am a **demo model** running inside the local demo workspace.',
  'Hi there! This is a synthetic answer from the **demo workspace**, not a real language model.',
  'Hey! Nice to meet you. I am a deterministic *demo* generator that speaks the Databricks API.',
] as const;

/** Headings of reasoning summary paragraphs (reasoning models summarise their thinking). */
export const REASONING_TITLES = [
  'Understanding the question',
  'Planning the answer',
  'Weighing {k1} against {k2}',
  'Checking the details of {k1}',
  'Choosing an example',
  'Structuring the explanation',
  'Looking for pitfalls',
] as const;

/** Sentences of reasoning summaries, written as the model's plan for its answer. */
export const REASONING_STEPS = [
  'The user is asking about {topic}, so I should start from what {k1} means before going further.',
  'I need to explain how {k1} {verb} {k2} without assuming too much background.',
  'A {adj} point to cover is the {noun} behind {k2}.',
  'I should check whether {k3} changes the answer, because it is easy to overlook.',
  'A short example would make {topic} concrete; one about {k1} seems right.',
  'Let me order the answer: the big picture first, then {k2}, then the pitfalls.',
  'A table comparing {k1} and {k2} would help, followed by a small code sample.',
  'I should keep the tone {adj} and avoid jargon the question does not use.',
  'It is worth mentioning the {noun} that most people miss about {k3}.',
  'I will finish with a summary and offer to go deeper on {k1}.',
] as const;
