import type { Activity, Agent, AgentRef, CareRequest, ChatMessage, Comment, Customer, Task } from '../model/types.js';

/** Why a task changed, when the reason matters to the agents watching it. */
export type TaskCause = 'received' | 'offered' | 'offer-timeout' | 'withdrawn' | 'declined' | 'transferred' | 'accepted' | 'closed' | 'reassigned' | 'wrap-up' | 'wrap-up-timeout';

/**
 * Facts the engine announces after each change. Payloads are copies:
 * listeners may keep them. The memory transport turns these into the
 * per-agent events of the transport port.
 */
export type EngineEvent =
  | { type: 'task'; task: Task; cause: TaskCause }
  | { type: 'agent'; agent: Agent }
  | { type: 'customer'; customer: Customer; changedBy?: AgentRef }
  | { type: 'request'; request: CareRequest; changedBy?: AgentRef }
  | { type: 'activity'; activity: Activity; changedBy?: AgentRef }
  | { type: 'comment'; comment: Comment }
  | { type: 'chat-message'; message: ChatMessage };

/** Receives engine events. */
export type EngineListener = (event: EngineEvent) => void;
