import { createPtRequestSchema, type OptimizationInfo, type PtConfig } from '../../../shared/domain';
import { provisionedMonthly } from '../../core/cost-math';

/*
 * Sizing a provisioned-throughput endpoint: which sizes a model allows (from its
 * optimization info), the request those sizes become, the name rule (the contract's own
 * schema, so the live check and the bridge can never disagree) and the monthly estimate.
 */

export { HOURS_PER_MONTH } from '../../core/cost-math';

/** How many size options are offered (multiples of the chunk). */
export const SIZE_STEPS = 10;

/** Common `system.ai` foundation models to provision (free text is accepted too). */
export const FOUNDATION_MODELS: readonly string[] = [
  'system.ai.meta_llama_3_1_70b_instruct',
  'system.ai.meta_llama_3_1_8b_instruct',
  'system.ai.meta_llama_3_1_405b_instruct',
  'system.ai.meta_llama_3_3_70b_instruct',
  'system.ai.llama_4_maverick',
  'system.ai.gpt_oss_120b',
  'system.ai.meta_llama_3_8b_instruct',
];

/** One size the user can pick. */
export interface SizeOption {
  /** What the select shows, e.g. "2 model units" or "0–1960 tokens/s". */
  label: string;
  /** Units billed per hour: model units, or throughput chunks for the band form. */
  units: number;
  /** The size fields of the request. */
  config: Pick<PtConfig, 'provisionedModelUnits' | 'minProvisionedThroughput' | 'maxProvisionedThroughput'>;
}

/** Sizes a model allows: model units in multiples of its chunk, or throughput bands. */
export interface SizeChoices {
  form: 'model-units' | 'throughput' | 'none';
  options: SizeOption[];
  /** Why nothing can be offered, when `form` is 'none'. */
  reason: string | null;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The sizes to offer for `info`. Model units win when the server gives a model-unit chunk
 * (the newer /pt API); else throughput bands `[min, max]` in multiples of the chunk size,
 * where min is 0 with scale-to-zero (the endpoint may idle at nothing) and max otherwise.
 */
export function sizeChoices(info: OptimizationInfo, scaleToZero = false): SizeChoices {
  if (!info.optimizable)
    return { form: 'none', options: [], reason: 'This model cannot be served with provisioned throughput.' };
  const unitChunk = info.modelUnitChunkSize;
  if (unitChunk) {
    const options = range(SIZE_STEPS).map((k) => {
      const units = k * unitChunk;
      return { label: plural(units, 'model unit'), units, config: { provisionedModelUnits: units } };
    });
    return { form: 'model-units', options, reason: null };
  }
  const chunk = info.throughputChunkSize;
  if (chunk) {
    const options = range(SIZE_STEPS).map((k) => {
      const max = k * chunk;
      const min = scaleToZero ? 0 : max;
      return {
        label: `${min}–${max} tokens/s`,
        units: k,
        config: { minProvisionedThroughput: min, maxProvisionedThroughput: max },
      };
    });
    return { form: 'throughput', options, reason: null };
  }
  return { form: 'none', options: [], reason: 'The server gave no model-unit or throughput chunk size.' };
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

/** The name rule's message for `name`, or null when it is valid (the contract's rule). */
export function nameProblem(name: string): string | null {
  const result = createPtRequestSchema.shape.name.safeParse(name);
  return result.success ? null : (result.error.issues[0]?.message ?? 'Invalid endpoint name.');
}

/** Estimated monthly cost of `units` at `perUnitHour` dollars, running all month. */
export function monthlyProvisionedCost(units: number, perUnitHour: number): number {
  if (!Number.isFinite(units) || !Number.isFinite(perUnitHour)) return 0;
  return provisionedMonthly(units, perUnitHour);
}

/** The units an existing endpoint is billed for (model units, else its band in chunks). */
export function unitsOf(
  endpoint: { provisionedUnits: number | null; maxThroughput?: number | null },
  throughputChunk: number | null = null,
): number | null {
  if (endpoint.maxThroughput && throughputChunk) return endpoint.maxThroughput / throughputChunk;
  return endpoint.provisionedUnits;
}
