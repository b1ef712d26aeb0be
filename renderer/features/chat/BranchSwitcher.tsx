import { useChatStore } from './chat-store';
import { ROOT } from './chat-tree';

/**
 * "‹ 2/3 ›" on a message that has siblings (other answers to the same question, or other
 * versions of an edited message). Switching shows that branch where it was last left.
 */
export function BranchSwitcher({ id }: { id: string }) {
  const parentId = useChatStore((s) => s.messages[id]?.parentId ?? null);
  const siblings = useChatStore(
    (s) => s.children[parentId !== null && s.messages[parentId] ? parentId : ROOT],
  );
  const switchBranch = useChatStore((s) => s.switchBranch);
  if (!siblings || siblings.length < 2) return null;
  const at = siblings.indexOf(id);
  return (
    <fieldset className="branch-switcher" aria-label="Branches" data-testid="branch-switcher">
      <button
        type="button"
        className="icon-button"
        aria-label="Previous branch"
        disabled={at <= 0}
        onClick={() => switchBranch(id, -1)}
      >
        ‹
      </button>
      <span className="branch-switcher__count" aria-live="polite">
        {at + 1}/{siblings.length}
      </span>
      <button
        type="button"
        className="icon-button"
        aria-label="Next branch"
        disabled={at >= siblings.length - 1}
        onClick={() => switchBranch(id, 1)}
      >
        ›
      </button>
    </fieldset>
  );
}
