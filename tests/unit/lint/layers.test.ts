import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The layering in docs/architecture.md is enforced by the linter (biome.json overrides with
 * noRestrictedImports, plus noImportCycles). These cases write a probe file at a real place
 * in the tree, lint it with the project's config and check that forbidden imports fail and
 * allowed ones pass — so loosening a pattern in biome.json fails this test.
 */

const ROOT = resolve(import.meta.dirname, '../../..');
const BIOME = join(ROOT, 'node_modules', '.bin', 'biome');

type Probe = [name: string, path: string, source: string];

/**
 * Writes each probe at its place in the tree (inside a fresh folder next to `path`, so
 * parallel and crashed runs never collide), lints them all in one run with the project's
 * config, and returns the rule ids hit per probe.
 */
function lintAll(probes: Probe[]): Map<string, string[]> {
  const dirs: string[] = [];
  const files = probes.map(([name, path, source]) => {
    const dir = mkdtempSync(join(ROOT, dirname(path), '.layer-probe-'));
    dirs.push(dir);
    const file = join(dir, 'probe.ts');
    writeFileSync(file, source);
    return [name, relative(ROOT, file)] as const;
  });
  try {
    const run = spawnSync(
      BIOME,
      ['lint', '--reporter=json', '--max-diagnostics=200', ...files.map((f) => f[1])],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    const report = JSON.parse(run.stdout) as {
      diagnostics: { category: string; location: { path: string } }[];
    };
    return new Map(
      files.map(([name, file]) => [
        name,
        report.diagnostics.filter((d) => d.location.path === file).map((d) => d.category),
      ]),
    );
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

// Each probe lives one folder deeper than `path` (the probe folder), hence one more "../".
const RESTRICTED = 'lint/style/noRestrictedImports';

describe('layer boundaries in biome.json', () => {
  const forbidden: Probe[] = [
    ['core imports a feature', 'renderer/core/probe.ts', "import '../../features/chat/chat-store';"],
    ['core imports the shell', 'renderer/core/probe.ts', "import '../../app/App';"],
    [
      'a component imports a feature',
      'renderer/components/probe.ts',
      "import '../../features/chat/chat-store';",
    ],
    ['a feature imports another', 'renderer/features/chat/probe.ts', "import '../../compare/compare-store';"],
    ['a feature imports the shell', 'renderer/features/chat/probe.ts', "import '../../../app/nav';"],
    [
      'the renderer imports electron',
      'renderer/core/probe.ts',
      "import '../../../electron/services/router';",
    ],
    [
      'electron imports the renderer',
      'electron/services/probe.ts',
      "import '../../../renderer/core/format';",
    ],
    ['shared imports the renderer', 'shared/probe.ts', "import '../../renderer/core/format';"],
    ['shared imports Node', 'shared/probe.ts', "import 'node:fs';"],
  ];

  const allowed: Probe[] = [
    ['a feature imports core', 'renderer/features/chat/probe.ts', "import '../../../core/format';"],
    [
      'a feature imports components',
      'renderer/features/chat/probe.ts',
      "import '../../../components/Dialog';",
    ],
    ['a feature imports itself', 'renderer/features/chat/probe.ts', "import '../chat-store';"],
    ['a component imports core', 'renderer/components/probe.ts', "import '../../core/format';"],
    ['the shell imports a feature', 'renderer/app/probe.ts', "import '../../features/chat/ChatPane';"],
    ['electron imports shared', 'electron/services/probe.ts', "import '../../../shared/contract';"],
  ];
  const hits = lintAll([...forbidden, ...allowed]);

  it.each(forbidden)('refuses: %s', (name) => {
    expect(hits.get(name)).toContain(RESTRICTED);
  });
  it.each(allowed)('allows: %s', (name) => {
    expect(hits.get(name)).not.toContain(RESTRICTED);
  });
});
