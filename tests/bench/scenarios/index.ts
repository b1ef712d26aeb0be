import { embeddingsScenario } from './embeddings';
import { evaluateScenario } from './evaluate';
import { historyScenario } from './history';
import { memoryScenario } from './memory';
import { reasoningScenario } from './reasoning';
import type { Scenario } from './scenario';
import { startupScenario } from './startup';
import { streamingScenario } from './streaming';
import { throughputScenario } from './throughput';
import { ttftScenario } from './ttft';

export type { Scenario, ScenarioContext } from './scenario';

/** Every scenario, in the order they run (startup first, while the app is fresh). */
export const SCENARIOS: Scenario[] = [
  startupScenario,
  streamingScenario,
  ttftScenario,
  throughputScenario,
  historyScenario,
  embeddingsScenario,
  reasoningScenario,
  memoryScenario,
  evaluateScenario,
];
