import type { EndpointRegistry } from './endpoint-registry';

/**
 * `GET /serving-endpoints/models`: the demo's endpoints in OpenAI's model-list format, so that
 * `{url}/serving-endpoints` is a complete OpenAI-compatible base URL (models, chat/completions,
 * completions, embeddings), the way the app's OpenAI provider expects one.
 */
export function openAiModelList(endpoints: EndpointRegistry): Record<string, unknown> {
  const data = endpoints.list().flatMap((e) => {
    const name = typeof e.name === 'string' ? e.name : '';
    const created = typeof e.creation_timestamp === 'number' ? Math.floor(e.creation_timestamp / 1000) : 0;
    return name ? [{ id: name, object: 'model', created, owned_by: 'demo-workspace' }] : [];
  });
  return { object: 'list', data };
}
