import { useId, useState } from 'react';
import { useChatStore } from './chat-store';

/**
 * The system prompt, collapsed by default. The toggle button labels the textarea, so
 * "System prompt" names exactly one button and one text box.
 */
export function SystemPrompt() {
  const id = useId();
  const systemPrompt = useChatStore((s) => s.systemPrompt);
  const setSystemPrompt = useChatStore((s) => s.setSystemPrompt);
  const [open, setOpen] = useState(false);
  const summary = systemPrompt.trim() ? 'set' : 'none';

  return (
    <div className="system-prompt">
      <button
        type="button"
        id={`${id}-toggle`}
        className="disclosure"
        aria-expanded={open}
        aria-controls={`${id}-text`}
        onClick={() => setOpen((o) => !o)}
      >
        System prompt
      </button>
      {!open && <span className="muted system-prompt__summary">({summary})</span>}
      {open && (
        <textarea
          id={`${id}-text`}
          aria-labelledby={`${id}-toggle`}
          rows={3}
          value={systemPrompt}
          placeholder="You are a helpful assistant."
          onChange={(e) => setSystemPrompt(e.target.value)}
        />
      )}
    </div>
  );
}
