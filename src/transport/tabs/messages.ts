/**
 * What the tabs of one agent say to each other over their BroadcastChannel
 * (N2). Only the leader talks to the backend; followers send it calls and
 * hear its answers and every event it receives.
 */
import { isCareErrorPayload, type CareErrorPayload } from '../../model/errors.js';
import type { CareEvent } from '../../model/types.js';
import type { TransportOperation } from '../port.js';

export type TabMessage =
  /** A tab opened: the leader, if any, says who it is. */
  | { t: 'hello'; from: string }
  /** The sender holds the link now. */
  | { t: 'leader'; from: string }
  /** A follower's call; the argument at `signalAt` was its AbortSignal (signals do not cross tabs). */
  | { t: 'call'; from: string; id: number; op: TransportOperation; args: unknown[]; signalAt: number }
  /** The follower gave up on a call (its signal aborted). */
  | { t: 'abort'; from: string; id: number }
  | { t: 'reply'; to: string; id: number; ok: true; value: unknown }
  | { t: 'reply'; to: string; id: number; ok: false; error: CareErrorPayload }
  /** An event the leader received from the backend. */
  | { t: 'event'; event: CareEvent };

const OPERATIONS: ReadonlySet<string> = new Set<TransportOperation>([
  'connect',
  'setStatus',
  'acceptTask',
  'declineTask',
  'getTransferTargets',
  'transferTask',
  'startWrapUp',
  'closeTask',
  'getCustomer',
  'getJourney',
  'getRequest',
  'getActivity',
  'getComments',
  'getTranscript',
  'searchCustomers',
  'getCannedResponses',
  'createCustomer',
  'updateCustomer',
  'createRequest',
  'updateRequest',
  'addTag',
  'removeTag',
  'addComment',
  'moveActivity',
  'moveActivityToCustomer',
  'sendChatMessage',
]);

/**
 * Whether a message has the shape this version of the kit speaks. Another
 * tab may run an older or newer kit (a deploy between two page loads), so
 * what does not fit is ignored rather than trusted. Event payloads are
 * checked by the store like any adapter's.
 */
export function isTabMessage(value: unknown): value is TabMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  switch (m.t) {
    case 'hello':
    case 'leader':
      return typeof m.from === 'string';
    case 'call':
      return (
        typeof m.from === 'string' &&
        typeof m.id === 'number' &&
        typeof m.op === 'string' &&
        OPERATIONS.has(m.op) &&
        Array.isArray(m.args) &&
        typeof m.signalAt === 'number'
      );
    case 'abort':
      return typeof m.from === 'string' && typeof m.id === 'number';
    case 'reply':
      return typeof m.to === 'string' && typeof m.id === 'number' && (m.ok === true || (m.ok === false && isCareErrorPayload(m.error)));
    case 'event':
      return typeof m.event === 'object' && m.event !== null;
    default:
      return false;
  }
}
