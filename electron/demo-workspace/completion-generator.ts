import { generateMarkdown } from './markdown-generator';
import type { Sampler } from './sampler';
import { countTokens } from './tokenizer';
import type { Topic } from './topic';

/**
 * The demo completions "model": continues a prompt. Code prompts (a Python `def`, or a
 * request to complete code) get a plausible code continuation; anything else gets prose
 * that continues from where the prompt stopped.
 */

const FIBONACCI_BODIES = [
  `
    """Return the n-th Fibonacci number (0, 1, 1, 2, 3, 5, 8, ...)."""
    if n < 0:
        raise ValueError("n must be a non-negative integer")
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a`,
  `
    """Return the n-th Fibonacci number, computed recursively."""
    if n < 0:
        raise ValueError("n must be a non-negative integer")
    if n < 2:
        return n
    return fibonacci(n - 1) + fibonacci(n - 2)`,
  `
    """Return the n-th Fibonacci number using memoisation."""
    cache = {0: 0, 1: 1}

    def fib(k):
        if k not in cache:
            cache[k] = fib(k - 1) + fib(k - 2)
        return cache[k]

    return fib(n)`,
];

function fibonacciTail(s: Sampler): string {
  const count = s.pick(['10', '15', '20', '12']);
  const main = `

# Example usage
if __name__ == "__main__":
    for i in range(${count}):
        print(f"fibonacci({i}) = {fibonacci(i)}")
`;
  const test = `

def test_fibonacci():
    assert [fibonacci(i) for i in range(8)] == [0, 1, 1, 2, 3, 5, 8, 13]
`;
  const note = `

### Notes

A loop runs in \`O(n)\` time and \`O(1)\` memory; naive recursion is \`O(2^n)\`, so memoise it if you keep it.
`;
  return s.pick([main + test + note, main + note, test + main]);
}

/** Splits a Python signature's parameters into names ("a, b=1, *c" → ["a", "b", "c"]). */
function parameterNames(signature: string): string[] {
  return signature
    .split(',')
    .map((p) =>
      p
        .replace(/[:=].*$/, '')
        .replace(/^\*+/, '')
        .trim(),
    )
    .filter((p) => /^[A-Za-z_]\w*$/.test(p) && p !== 'self');
}

function genericPythonBody(name: string, params: string[], s: Sampler): string {
  const first = params[0] ?? 'value';
  const words = name.replace(/_/g, ' ');
  const check = params
    .map((p) => `    if ${p} is None:\n        raise ValueError("${p} is required")`)
    .join('\n');
  const body = s.pick([
    `    result = []\n    for item in ${first} if isinstance(${first}, (list, tuple)) else [${first}]:\n        result.append(item)\n    return result`,
    `    result = ${first}\n    # Keep the logic small and easy to test.\n    return result`,
  ]);
  return `\n    """${words.charAt(0).toUpperCase()}${words.slice(1)}."""\n${check ? `${check}\n` : ''}${body}\n\n\nif __name__ == "__main__":\n    print(${name}(${params.map(() => 'None').join(', ') || ''}))\n`;
}

/** Continues a code prompt, or returns null when the prompt is not code. */
function continueCode(prompt: string, s: Sampler): string | null {
  if (/def\s+fib\w*\s*\(\s*n\s*\)\s*:\s*$/.test(prompt)) return s.pick(FIBONACCI_BODIES) + fibonacciTail(s);
  const def = /def\s+(\w+)\s*\(([^)]*)\)\s*(->\s*[^:]+)?:\s*$/.exec(prompt);
  if (def) return genericPythonBody(def[1] ?? 'run', parameterNames(def[2] ?? ''), s);
  return null;
}

/**
 * Writes a continuation of `prompt` of roughly `targetTokens` tokens. Code prompts may be
 * shorter (a function body is as long as it is).
 */
export function generateCompletion(prompt: string, topic: Topic, s: Sampler, targetTokens: number): string {
  const code = continueCode(prompt, s);
  if (code !== null) {
    const tokens = countTokens(code);
    if (tokens >= targetTokens || targetTokens <= 400) return code;
    return `${code}\n${generateMarkdown({ ...topic, wantsCode: true }, s, targetTokens - tokens)}`;
  }
  // Continue mid-sentence when the prompt stops mid-sentence, else start a new paragraph.
  const joiner = /[\s]$/.test(prompt) ? '' : /[.!?:]$/.test(prompt) ? '\n\n' : ' ';
  const lead = joiner === ' ' ? `and so ${topic.phrase} comes into focus.\n\n` : '';
  return `${joiner}${lead}${generateMarkdown({ ...topic, greeting: false }, s, targetTokens)}`;
}
