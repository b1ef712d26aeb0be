import { type KeyboardEvent, useId } from 'react';
import type { ChoiceRecord } from '../../core/db/records';
import { useChatStore } from './chat-store';

interface ChoiceTabsProps {
  id: string;
  choices: ChoiceRecord[];
  selected: number;
  /** The id of the element showing the selected choice. */
  panelId: string;
}

/**
 * The n choices of one answer as tabs. The selected tab is the choice that continues the
 * conversation (it is sent as history). Arrow keys move between tabs (the ARIA tabs pattern).
 */
export function ChoiceTabs({ id, choices, selected, panelId }: ChoiceTabsProps) {
  const base = useId();
  const select = useChatStore((s) => s.selectChoice);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = (selected + step + choices.length) % choices.length;
    select(id, next);
    document.getElementById(`${base}-tab-${next}`)?.focus();
  };
  return (
    <div className="choice-tabs" role="tablist" aria-label="Choices" onKeyDown={onKeyDown}>
      {choices.map((choice, i) => (
        <button
          // biome-ignore lint/suspicious/noArrayIndexKey: choices are positional (index = choice number).
          key={i}
          id={`${base}-tab-${i}`}
          type="button"
          role="tab"
          className="choice-tabs__tab"
          aria-selected={i === selected}
          aria-controls={panelId}
          tabIndex={i === selected ? 0 : -1}
          title={choice.finishReason ? `finish_reason: ${choice.finishReason}` : undefined}
          onClick={() => select(id, i)}
        >
          Choice {i + 1}
        </button>
      ))}
    </div>
  );
}
