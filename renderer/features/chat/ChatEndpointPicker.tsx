import { EndpointPicker } from '../../components/EndpointPicker';
import { useChatStore } from './chat-store';

/**
 * The conversation's endpoint (the last choice is what new conversations start with). Takes
 * the focus when an error asks the user to pick another.
 */
export function ChatEndpointPicker() {
  const focusTick = useChatStore((s) => s.pickerFocus);
  const endpoint = useChatStore((s) => s.endpoint);
  const setEndpoint = useChatStore((s) => s.setEndpoint);
  const streaming = useChatStore((s) => s.activeId !== null);
  return (
    <EndpointPicker
      pane="chat"
      endpoint={endpoint}
      setEndpoint={setEndpoint}
      disabled={streaming}
      focusTick={focusTick}
    />
  );
}
