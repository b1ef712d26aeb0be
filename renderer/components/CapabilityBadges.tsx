import type { ReasoningControl } from '../../shared/model-capabilities';
import { type EndpointTarget, endpointCapabilities, isAgent } from '../core/endpoint-capabilities';
import { formatContextWindow } from '../core/format';
import '../styles/capability-badges.css';

/** One badge: its label, what it means in a tooltip, and a stable key for tests. */
export interface CapabilityBadge {
  key: 'reasoning' | 'vision' | 'tools' | 'responses' | 'agent' | 'context';
  label: string;
  title: string;
}

function reasoningTitle(control: ReasoningControl): string {
  if (control.kind === 'budget')
    return `Reasons when given a thinking budget (at least ${control.minBudget} tokens, below max_tokens)`;
  if (control.kind === 'effort') return `Always reasons; reasoning effort ${control.efforts.join(', ')}`;
  return '';
}

/**
 * What an endpoint can do, as badges: from the capability table (shared/model-capabilities.ts),
 * the protocol it speaks and its task. Only what is known: an unknown model has no badge but
 * its context window, when the listing gave one.
 */
export function capabilityBadges(
  endpoint: EndpointTarget & { contextWindow?: number | null },
): CapabilityBadge[] {
  const caps = endpointCapabilities(endpoint);
  const badges: CapabilityBadge[] = [];
  if (caps.reasoning.kind !== 'none')
    badges.push({ key: 'reasoning', label: 'Reasoning', title: reasoningTitle(caps.reasoning) });
  if (caps.vision) badges.push({ key: 'vision', label: 'Vision', title: 'Takes images in messages' });
  if (caps.tools) badges.push({ key: 'tools', label: 'Tools', title: 'Takes tools (function calling)' });
  if (isAgent(endpoint))
    badges.push({
      key: 'agent',
      label: 'Agent',
      title: 'A Mosaic AI agent: it may call tools before answering',
    });
  if (caps.protocol === 'responses')
    badges.push({ key: 'responses', label: 'Responses API', title: 'Chats go over the Responses API' });
  const window = endpoint.contextWindow ?? caps.contextWindow;
  if (window)
    badges.push({
      key: 'context',
      label: formatContextWindow(window),
      title: `Context window: ${window.toLocaleString('en-US')} tokens`,
    });
  return badges;
}

/** The capability badges of an endpoint (chat and completion pickers, compare panes). */
export function CapabilityBadges({
  endpoint,
}: {
  endpoint: EndpointTarget & { contextWindow?: number | null };
}) {
  const badges = capabilityBadges(endpoint);
  if (badges.length === 0) return null;
  return (
    <ul className="capability-badges" data-testid="capability-badges" aria-label="Capabilities">
      {badges.map((b) => (
        <li
          key={b.key}
          className={`badge badge--cap badge--cap-${b.key}`}
          data-capability={b.key}
          title={b.title}
        >
          {b.label}
        </li>
      ))}
    </ul>
  );
}
