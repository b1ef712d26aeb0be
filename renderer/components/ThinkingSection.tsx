import { type SyntheticEvent, useState } from 'react';
import type { ReasoningItem } from '../../shared/domain';
import { ENCRYPTED_NOTE, hasEncryptedReasoning, reasoningText, reasoningWords } from '../core/reasoning';
import { CopyButton } from './CopyButton';
import { Markdown } from './markdown/LazyMarkdown';
import '../styles/answer-parts.css';

/** Props of {@link ThinkingSection}. */
export interface ThinkingSectionProps {
  reasoning: readonly ReasoningItem[];
  /** True while the reasoning is still arriving (the answer streams and has no text yet). */
  thinking: boolean;
  /** Reasoning tokens the server reported for this answer, when it did. */
  reasoningTokens?: number | null;
}

const COUNT = new Intl.NumberFormat('en-US');

/** "Thinking… · 120 words · 456 reasoning tokens": what is in the section, before opening it. */
function summaryLine(props: ThinkingSectionProps): string[] {
  const parts: string[] = [];
  const words = reasoningWords(props.reasoning);
  if (words > 0) parts.push(`${COUNT.format(words)} ${words === 1 ? 'word' : 'words'}`);
  if (props.reasoningTokens) parts.push(`${COUNT.format(props.reasoningTokens)} reasoning tokens`);
  if (hasEncryptedReasoning(props.reasoning)) parts.push('encrypted part kept');
  return parts;
}

/**
 * An answer's reasoning, above its text: open while the model thinks, collapsed once the
 * answer text starts (or the answer ends), unless the user opened or closed it — their
 * choice wins from then on. The summary line says how long the reasoning is; the body is
 * the summary as markdown (an encrypted part is noted, never shown), with its own Copy.
 */
export function ThinkingSection(props: ThinkingSectionProps) {
  const { reasoning, thinking } = props;
  const [userOpen, setUserOpen] = useState<boolean | null>(null);
  const open = userOpen ?? thinking;
  // `toggle` also fires when `open` is set from here; only a state other than the one
  // rendered is the user's (a click or a key on the summary), and theirs wins from then on.
  const onToggle = (event: SyntheticEvent<HTMLDetailsElement>) => {
    const now = event.currentTarget.open;
    if (now !== open) setUserOpen(now);
  };
  const text = reasoningText(reasoning);
  const parts = reasoning.flatMap((item) => item.summary);
  const details = summaryLine(props);
  return (
    <details
      className="thinking"
      data-testid="thinking"
      data-state={thinking ? 'thinking' : 'done'}
      open={open}
      onToggle={onToggle}
    >
      <summary className="thinking__summary" data-testid="thinking-summary">
        <span className="thinking__title">{thinking ? 'Thinking…' : 'Thinking'}</span>
        {details.length > 0 && <span className="thinking__meta muted">{details.join(' · ')}</span>}
      </summary>
      {open && (
        <div className="thinking__body">
          {parts.map((part, i) =>
            part.type === 'summary_text' ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: parts only ever grow at the end
              <Markdown key={i} text={part.text} streaming={thinking && i === parts.length - 1} />
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: parts only ever grow at the end
              <p key={i} className="thinking__encrypted muted">
                {ENCRYPTED_NOTE}
              </p>
            ),
          )}
          {text !== '' && !thinking && <CopyButton text={text} label="Copy thinking" />}
        </div>
      )}
    </details>
  );
}
