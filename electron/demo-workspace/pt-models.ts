import type { DemoTask } from './endpoints';
import { DemoHttpError } from './http-util';

/**
 * The models the demo workspace can provision, and what
 * `GET /api/2.0/serving-endpoints/get-model-optimization-info/{model}/{version}` says about
 * them. Real Databricks sizes newer models in model units and legacy families in throughput
 * bands (tokens/s in multiples of a chunk). The demo deliberately treats Llama 3.1/3.3 as
 * model-unit models because the product brief provisions `meta_llama_3_1_70b_instruct` with
 * "1 model unit"; Llama 3, Llama 2, DBRX, Mixtral, MPT and the embedding models keep the
 * older throughput-band form, so clients meet both.
 */

/** How one model is provisioned. */
export interface PtModel {
  entityName: string;
  /** Versions that exist ("1".."versions"). */
  versions: number;
  displayName: string;
  modelType: string;
  task: DemoTask;
  contextWindow: number;
  /** False: the model exists but can't be served with provisioned throughput. */
  optimizable: boolean;
  /** Model-unit form: units must be a positive multiple of this. */
  modelUnitChunk?: number;
  /** Throughput-band form: min/max tokens/s must be multiples of this. */
  throughputChunk?: number;
  embeddingProfile?: 'bge' | 'gte';
}

const chat = (
  entityName: string,
  displayName: string,
  modelType: string,
  sizing: { modelUnitChunk: number } | { throughputChunk: number },
  contextWindow = 131_072,
): PtModel => ({
  entityName,
  versions: 3,
  displayName,
  modelType,
  task: 'llm/v1/chat',
  contextWindow,
  optimizable: true,
  ...sizing,
});

export const PT_MODELS: readonly PtModel[] = [
  chat('system.ai.meta_llama_3_1_8b_instruct', 'Meta Llama 3.1 8B Instruct', 'llama', { modelUnitChunk: 1 }),
  chat('system.ai.meta_llama_3_1_70b_instruct', 'Meta Llama 3.1 70B Instruct', 'llama', {
    modelUnitChunk: 1,
  }),
  // The largest model is sized in pairs of units, so clients meet a chunk other than 1.
  chat('system.ai.meta_llama_3_1_405b_instruct', 'Meta Llama 3.1 405B Instruct', 'llama', {
    modelUnitChunk: 2,
  }),
  chat('system.ai.meta_llama_3_3_70b_instruct', 'Meta Llama 3.3 70B Instruct', 'llama', {
    modelUnitChunk: 1,
  }),
  chat('system.ai.llama_4_maverick', 'Llama 4 Maverick', 'llama', { modelUnitChunk: 1 }),
  chat('system.ai.gpt_oss_120b', 'GPT OSS 120B', 'gpt_oss', { modelUnitChunk: 1 }),
  chat('system.ai.gpt_oss_20b', 'GPT OSS 20B', 'gpt_oss', { modelUnitChunk: 1 }),
  chat('system.ai.gemma_3_12b', 'Gemma 3 12B', 'gemma', { modelUnitChunk: 1 }),
  chat(
    'system.ai.meta_llama_3_8b_instruct',
    'Meta Llama 3 8B Instruct',
    'llama',
    { throughputChunk: 980 },
    8192,
  ),
  chat(
    'system.ai.meta_llama_3_70b_instruct',
    'Meta Llama 3 70B Instruct',
    'llama',
    { throughputChunk: 490 },
    8192,
  ),
  chat('system.ai.dbrx_instruct', 'DBRX Instruct', 'dbrx', { throughputChunk: 600 }, 32_768),
  chat(
    'system.ai.mixtral_8x7b_instruct_v0_1',
    'Mixtral-8x7B Instruct',
    'mixtral',
    { throughputChunk: 970 },
    32_768,
  ),
  {
    entityName: 'system.ai.bge_large_en_v1_5',
    versions: 2,
    displayName: 'BGE Large (En)',
    modelType: 'bert',
    task: 'llm/v1/embeddings',
    contextWindow: 512,
    optimizable: true,
    throughputChunk: 1_200,
    embeddingProfile: 'bge',
  },
  {
    entityName: 'system.ai.gte_large_en_v1_5',
    versions: 2,
    displayName: 'GTE Large (En)',
    modelType: 'bert',
    task: 'llm/v1/embeddings',
    contextWindow: 8192,
    optimizable: true,
    throughputChunk: 1_200,
    embeddingProfile: 'gte',
  },
  // Unity Catalog models: a fine-tuned Llama (model units), a legacy fine-tune (bands) and a
  // custom pyfunc model that exists but is not optimizable.
  chat('main.demo.llama_3_1_8b_support_bot', 'Support bot (fine-tuned Llama 3.1 8B)', 'llama', {
    modelUnitChunk: 1,
  }),
  chat(
    'main.demo.mistral_7b_legacy_tune',
    'Legacy tune (Mistral 7B)',
    'mistral',
    { throughputChunk: 1_100 },
    32_768,
  ),
  {
    entityName: 'main.demo.llama_3_1_8b_completions',
    versions: 3,
    displayName: 'Llama 3.1 8B (completions, custom pyfunc)',
    modelType: 'pyfunc',
    task: 'llm/v1/completions',
    contextWindow: 8192,
    optimizable: false,
  },
];

/**
 * Finds a model version; throws 404 RESOURCE_DOES_NOT_EXIST when the model or the version
 * is unknown (Unity Catalog answers that way for both).
 */
export function findPtModel(entityName: string, version: string): PtModel {
  const model = PT_MODELS.find((m) => m.entityName.toLowerCase() === entityName.toLowerCase());
  if (!model)
    throw new DemoHttpError(404, 'RESOURCE_DOES_NOT_EXIST', `Model '${entityName}' does not exist.`);
  const n = Number(version);
  if (!/^\d+$/.test(version) || n < 1 || n > model.versions)
    throw new DemoHttpError(
      404,
      'RESOURCE_DOES_NOT_EXIST',
      `Model version ${version} of '${model.entityName}' does not exist (versions 1–${model.versions}).`,
    );
  return model;
}

/** The `get-model-optimization-info` body: `throughput_chunk_size` or `model_unit_chunk_size`. */
export function optimizationInfoBody(model: PtModel): Record<string, unknown> {
  if (!model.optimizable) return { optimizable: false };
  const body: Record<string, unknown> = { optimizable: true, model_type: model.modelType };
  if (model.throughputChunk) body.throughput_chunk_size = model.throughputChunk;
  else body.model_unit_chunk_size = model.modelUnitChunk ?? 1;
  return body;
}
