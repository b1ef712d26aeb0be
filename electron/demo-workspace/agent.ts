import type { ReasoningRequest } from './reasoning';
import { generateReasoning } from './reasoning';
import type { ItemSpec } from './responses-output';
import { newItemId } from './responses-output';
import type { ResponsesInvocation } from './responses-request';
import { hashString, mulberry32, Sampler } from './sampler';
import { tokenize } from './tokenizer';
import { readTopic } from './topic';

/**
 * The demo support agent (`demo-support-agent`, task `agent/v1/responses`): for any question
 * it reasons briefly, calls its `lookup_order` tool with the order id read from the prompt
 * (or one derived from it), gets the tool's JSON result, and answers from that result. The
 * order data depends only on the order id, so the same question always finds the same order;
 * the wording follows the sampling parameters like the other demo models.
 */

const STATUSES = ['shipped', 'processing', 'delivered', 'out_for_delivery'] as const;
const CARRIERS = ['UPS', 'DHL', 'FedEx', 'USPS'] as const;
const PRODUCTS = [
  'USB-C hub',
  'Mechanical keyboard',
  'Noise-cancelling headphones',
  'Laptop stand',
  '27" monitor',
];
const LEADS = [
  'I looked up order **{id}**.',
  'Here is what I found for order **{id}**.',
  'Thanks for waiting — I checked order **{id}**.',
] as const;
const CLOSINGS = [
  'Is there anything else I can help you with?',
  'Let me know if you need anything else about this order.',
  'If something looks wrong, reply and I will open a ticket.',
] as const;

/** The order id a prompt mentions ("order 12345", "#A-778", "ORD-2024-001"), or a derived one. */
export function orderIdOf(prompt: string): string {
  const named = /\b([A-Z]{2,4}-\d[A-Z0-9-]*)\b/.exec(prompt) ?? /(?:order|#)\s*#?\s*(\d{3,})/i.exec(prompt);
  if (named?.[1]) return /^\d+$/.test(named[1]) ? `ORD-${named[1]}` : named[1];
  return `ORD-${10_000 + (hashString(prompt) % 90_000)}`;
}

/** What the `lookup_order` tool returns for an order: a function of the id alone. */
export function lookupOrder(orderId: string): Record<string, unknown> {
  const rand = mulberry32(hashString(orderId));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const status = pick(STATUSES);
  const items = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({
    name: pick(PRODUCTS),
    quantity: 1 + Math.floor(rand() * 2),
  }));
  return {
    order_id: orderId,
    status,
    carrier: pick(CARRIERS),
    tracking_number: `1Z${Math.floor(rand() * 1e10)
      .toString()
      .padStart(10, '0')}`,
    estimated_delivery_days: status === 'delivered' ? 0 : 1 + Math.floor(rand() * 5),
    items,
    total: `$${(20 + rand() * 380).toFixed(2)}`,
  };
}

function statusSentence(order: Record<string, unknown>): string {
  const days = order.estimated_delivery_days as number;
  switch (order.status) {
    case 'delivered':
      return `It was **delivered** by ${order.carrier} (tracking number \`${order.tracking_number}\`).`;
    case 'processing':
      return `It is still **processing**; it should ship with ${order.carrier} and arrive in about ${days} business days.`;
    case 'out_for_delivery':
      return `It is **out for delivery** with ${order.carrier} (tracking number \`${order.tracking_number}\`) and should arrive today.`;
    default:
      return `It has **shipped** with ${order.carrier} (tracking number \`${order.tracking_number}\`) and should arrive in ${days} business days.`;
  }
}

/** The final answer, written from the tool's result. */
function answerText(order: Record<string, unknown>, s: Sampler): string {
  const items = (order.items as { name: string; quantity: number }[])
    .map((item) => `${item.quantity} × ${item.name}`)
    .join(', ');
  const lead = s.pick(LEADS).replace('{id}', String(order.order_id));
  return `${lead} ${statusSentence(order)}\n\nItems: ${items}. Order total: ${order.total}.\n\n${s.pick(CLOSINGS)}`;
}

function reasoningText(inv: ResponsesInvocation, orderId: string, request: ReasoningRequest, s: Sampler) {
  const plan = `**Finding the order**\n\nThe customer asks about order ${orderId}. I should look it up with lookup_order before answering instead of guessing its status, then answer from what the tool returns.`;
  // More effort, more thinking about the question itself.
  if (request.multiplier <= 1) return plan;
  return `${plan}\n\n${generateReasoning(readTopic(inv.promptText), s, 20 * (request.multiplier - 1))}`;
}

/** The agent's output items in order: reasoning (if any), the tool call, its result, the answer. */
export function agentItems(inv: ResponsesInvocation, seedText: string): ItemSpec[] {
  const s = new Sampler(hashString(seedText), inv.params);
  const orderId = orderIdOf(inv.promptText);
  const order = lookupOrder(orderId);
  const callId = newItemId('call');
  const items: ItemSpec[] = [];
  if (inv.reasoning)
    items.push({ kind: 'reasoning', pieces: tokenize(reasoningText(inv, orderId, inv.reasoning, s)) });
  const args = JSON.stringify({ order_id: orderId });
  items.push({ kind: 'function_call', name: 'lookup_order', callId, pieces: tokenize(args) });
  items.push({ kind: 'function_call_output', callId, output: JSON.stringify(order), pieces: [] });
  items.push({ kind: 'message', pieces: tokenize(answerText(order, s)) });
  return items;
}
