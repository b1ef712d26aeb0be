/*
 * The syntax highlighter, loaded lazily (see highlighter.ts): highlight.js's core plus the
 * languages models write most, so the library stays out of the initial bundle. Unknown
 * languages render plain: automatic detection is slow and often wrong on short snippets.
 */
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import r from 'highlight.js/lib/languages/r';
import rust from 'highlight.js/lib/languages/rust';
import scala from 'highlight.js/lib/languages/scala';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

const LANGUAGES = {
  bash,
  c,
  cpp,
  css,
  diff,
  go,
  java,
  javascript,
  json,
  markdown,
  python,
  r,
  rust,
  scala,
  shell,
  sql,
  typescript,
  xml,
  yaml,
};

for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);
// Fence names models use that the grammars don't list as aliases.
hljs.registerAliases(['pyspark', 'python3', 'py3'], { languageName: 'python' });
hljs.registerAliases(['sparksql', 'databricks-sql', 'postgresql', 'mysql'], { languageName: 'sql' });
hljs.registerAliases(['terminal', 'sh-session'], { languageName: 'shell' });

/**
 * Highlights `code` as `language` and returns HTML, or null when the language is unknown.
 * highlight.js escapes the code it is given (`<` becomes `&lt;`…) and only adds `<span
 * class="hljs-…">` elements, so the result is safe to insert as HTML.
 */
export function highlightToHtml(code: string, language: string): string | null {
  if (!hljs.getLanguage(language)) return null;
  return hljs.highlight(code, { language, ignoreIllegals: true }).value;
}
