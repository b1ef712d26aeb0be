import { EndpointPicker } from '../../components/EndpointPicker';
import { useCompletionStore } from './completion-store';

/** The completion endpoint (task llm/v1/completions, or a custom model). */
export function CompletionEndpointPicker() {
  const endpoint = useCompletionStore((s) => s.endpoint);
  const setEndpoint = useCompletionStore((s) => s.setEndpoint);
  const streaming = useCompletionStore((s) => s.streaming);
  return (
    <EndpointPicker pane="completions" endpoint={endpoint} setEndpoint={setEndpoint} disabled={streaming} />
  );
}
