import type { Sampler } from './sampler';
import type { Topic } from './topic';

/**
 * Small, plausible code samples for the demo answers, named after the prompt's key words so
 * that they visibly relate to the question. Returned without the surrounding fence.
 */

/** A safe snake_case identifier from a key word ("well-known" → "well_known"). */
export function identifier(word: string): string {
  const cleaned = word
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(cleaned) ? cleaned : `item_${cleaned || 'x'}`;
}

function camel(word: string): string {
  return identifier(word).replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

type Writer = (k1: string, k2: string, sampler: Sampler) => string;

const PYTHON: Writer[] = [
  (k1, k2, s) => `from collections import Counter


def summarize_${k1}(items: list[str]) -> dict[str, int]:
    """Count how often each ${k2} term appears, ignoring case."""
    counts = Counter(item.strip().lower() for item in items if item.strip())
    return dict(counts.most_common(${s.int(3, 9)}))


print(summarize_${k1}(["${k2}", "${k1}", "${k2}"]))`,
  (k1, k2, s) => `from dataclasses import dataclass


@dataclass
class ${camel(k1).replace(/^./, (c) => c.toUpperCase())}:
    name: str
    ${k2}_score: float = ${s.pick(['0.0', '1.0', '0.5'])}

    def is_relevant(self, threshold: float = ${s.pick(['0.5', '0.7', '0.25'])}) -> bool:
        # Scores at the threshold count as relevant, by convention.
        return self.${k2}_score >= threshold`,
  (k1, k2, s) => `def normalize_${k1}(values: list[float]) -> list[float]:
    """Scale ${k2} values into the range [0, 1]."""
    low, high = min(values), max(values)
    if high == low:
        return [0.0 for _ in values]
    return [(v - low) / (high - low) for v in values]


print(normalize_${k1}([${s.int(1, 5)}, ${s.int(6, 9)}, ${s.int(10, 20)}]))  # END of example`,
];

const TYPESCRIPT: Writer[] = [
  (
    k1,
    k2,
    s,
  ) => `export function group${camel(k1).replace(/^./, (c) => c.toUpperCase())}(items: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const key = item.trim().toLowerCase(); // '${k2}' and '${k2.toUpperCase()}' are the same
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

console.log(group${camel(k1).replace(/^./, (c) => c.toUpperCase())}(['${k1}', '${k2}', '${k1}']).size); // ${s.int(2, 2)}`,
  (
    k1,
    k2,
    s,
  ) => `async function fetch${camel(k2).replace(/^./, (c) => c.toUpperCase())}(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(${s.pick(['5_000', '10_000', '2_500'])}) });
  if (!response.ok) throw new Error(\`${k1} request failed: \${response.status}\`);
  return response.json();
}`,
];

const SQL: Writer[] = [
  (k1, k2, s) => `SELECT ${k1}, COUNT(*) AS ${k2}_count
FROM events
WHERE event_date >= current_date() - INTERVAL ${s.int(7, 30)} DAYS
GROUP BY ${k1}
ORDER BY ${k2}_count DESC
LIMIT ${s.pick(['10', '20', '5'])};`,
  (k1, k2) => `WITH ranked AS (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY ${k1} ORDER BY updated_at DESC) AS rn
  FROM ${k2}_history
)
SELECT * FROM ranked WHERE rn = 1;`,
];

const BASH: Writer[] = [
  (k1, k2, s) => `#!/usr/bin/env bash
set -euo pipefail

# Count lines mentioning ${k1} in every ${k2} log, newest first.
for file in $(ls -t logs/*.log | head -n ${s.int(3, 10)}); do
  printf '%s\\t%s\\n' "$file" "$(grep -ci '${k1}' "$file" || true)"
done`,
];

const OTHER: Record<string, Writer[]> = {
  rust: [
    (k1, k2) => `fn count_${k1}(items: &[&str]) -> usize {
    items.iter().filter(|s| s.contains("${k2}")).count()
}`,
  ],
  go: [
    (k1, k2) => `func Count${camel(k1).replace(/^./, (c) => c.toUpperCase())}(items []string) int {
	n := 0
	for _, s := range items {
		if strings.Contains(s, "${k2}") {
			n++
		}
	}
	return n
}`,
  ],
  java: [
    (k1, k2) => `long count = items.stream()
    .filter(s -> s.contains("${k2}"))
    .count(); // how many ${k1} entries mention ${k2}`,
  ],
};

const WRITERS: Record<string, Writer[]> = {
  python: PYTHON,
  typescript: TYPESCRIPT,
  sql: SQL,
  bash: BASH,
  ...OTHER,
};

/** A code sample in the topic's language, ready to go inside a fence. */
export function codeSample(topic: Topic, sampler: Sampler, language = topic.language): string {
  const writers = WRITERS[language] ?? PYTHON;
  const k1 = identifier(topic.keywords[0] ?? 'data');
  const k2 = identifier(topic.keywords[1] ?? topic.keywords[0] ?? 'value');
  return sampler.pick(writers)(k1, k2, sampler);
}
