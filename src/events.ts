/**
 * Typed DOM events of Care Kit. Every event bubbles and is composed, so a
 * host page hears it from outside any shadow root. Intent events
 * (`care-task-accept`, `care-task-close`, `care-status-change`) are
 * cancelable and fire before the action; `preventDefault()` stops it.
 * Notifications (`…-ed`) fire after the backend confirmed.
 *
 * ```js
 * document.addEventListener('care-task-accepted', (e) => crm.open(e.task.customerId));
 * ```
 */
import type { Agent, AgentStatus, ChatMessage, Task } from './model/types.js';

const init = (cancelable = false): EventInit => ({ bubbles: true, composed: true, cancelable });

/** A push task was offered to the agent (R12). */
export class CareTaskOfferedEvent extends Event {
  static readonly eventName = 'care-task-offered';
  constructor(readonly task: Task) {
    super(CareTaskOfferedEvent.eventName, init());
  }
}

/** The agent asked to accept a task; cancel to stop it. */
export class CareTaskAcceptEvent extends Event {
  static readonly eventName = 'care-task-accept';
  constructor(readonly task: Task) {
    super(CareTaskAcceptEvent.eventName, init(true));
  }
}

/** A task was accepted and is in progress (R3). Screen-pop your CRM record here. */
export class CareTaskAcceptedEvent extends Event {
  static readonly eventName = 'care-task-accepted';
  constructor(readonly task: Task) {
    super(CareTaskAcceptedEvent.eventName, init());
  }
}

/** The agent selected a queued task to preview it (R1); `task` is null when the preview closes. */
export class CareTaskSelectEvent extends Event {
  static readonly eventName = 'care-task-select';
  constructor(readonly task: Task | null) {
    super(CareTaskSelectEvent.eventName, init());
  }
}

/** The agent asked to close an interaction (R11); cancel to stop it. */
export class CareTaskCloseEvent extends Event {
  static readonly eventName = 'care-task-close';
  constructor(readonly task: Task) {
    super(CareTaskCloseEvent.eventName, init(true));
  }
}

/** An interaction was closed (R11). */
export class CareTaskClosedEvent extends Event {
  static readonly eventName = 'care-task-closed';
  constructor(readonly task: Task) {
    super(CareTaskClosedEvent.eventName, init());
  }
}

/** The agent asked to change status (R12); cancel to stop it. */
export class CareStatusChangeEvent extends Event {
  static readonly eventName = 'care-status-change';
  constructor(readonly status: AgentStatus) {
    super(CareStatusChangeEvent.eventName, init(true));
  }
}

/** The agent's status changed, by the agent or by the backend (R13's timeout: `agent.statusReason === 'offer-timeout'`). */
export class CareStatusChangedEvent extends Event {
  static readonly eventName = 'care-status-changed';
  constructor(readonly agent: Agent) {
    super(CareStatusChangedEvent.eventName, init());
  }
}

/** The agent sent a chat message (R15). */
export class CareMessageSentEvent extends Event {
  static readonly eventName = 'care-message-sent';
  constructor(readonly message: ChatMessage) {
    super(CareMessageSentEvent.eventName, init());
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'care-task-offered': CareTaskOfferedEvent;
    'care-task-accept': CareTaskAcceptEvent;
    'care-task-accepted': CareTaskAcceptedEvent;
    'care-task-select': CareTaskSelectEvent;
    'care-task-close': CareTaskCloseEvent;
    'care-task-closed': CareTaskClosedEvent;
    'care-status-change': CareStatusChangeEvent;
    'care-status-changed': CareStatusChangedEvent;
    'care-message-sent': CareMessageSentEvent;
  }
}
