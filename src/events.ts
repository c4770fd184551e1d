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
import type { Activity, Agent, AgentStatus, CareRequest, ChatMessage, Comment, Customer, Task } from './model/types.js';

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

/** A new contact was linked to an existing customer instead of creating one (X4). */
export class CareCustomerLinkedEvent extends Event {
  static readonly eventName = 'care-customer-linked';
  constructor(readonly customer: Customer) {
    super(CareCustomerLinkedEvent.eventName, init());
  }
}

/** The agent declined an offer (X2); it goes on to the next agent. */
export class CareTaskDeclinedEvent extends Event {
  static readonly eventName = 'care-task-declined';
  constructor(readonly task: Task) {
    super(CareTaskDeclinedEvent.eventName, init());
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

/** A request's title or description was saved (R6). */
export class CareRequestSavedEvent extends Event {
  static readonly eventName = 'care-request-saved';
  constructor(readonly request: CareRequest) {
    super(CareRequestSavedEvent.eventName, init());
  }
}

/** A new request was added for a new problem (R21). */
export class CareRequestCreatedEvent extends Event {
  static readonly eventName = 'care-request-created';
  constructor(readonly request: CareRequest) {
    super(CareRequestCreatedEvent.eventName, init());
  }
}

/** A tag was added to an activity (R9). */
export class CareTagAddedEvent extends Event {
  static readonly eventName = 'care-tag-added';
  constructor(
    readonly activity: Activity,
    readonly tag: string,
  ) {
    super(CareTagAddedEvent.eventName, init());
  }
}

/** A tag was removed from an activity. */
export class CareTagRemovedEvent extends Event {
  static readonly eventName = 'care-tag-removed';
  constructor(
    readonly activity: Activity,
    readonly tag: string,
  ) {
    super(CareTagRemovedEvent.eventName, init());
  }
}

/** A comment was added to an activity (R20). */
export class CareCommentAddedEvent extends Event {
  static readonly eventName = 'care-comment-added';
  constructor(readonly comment: Comment) {
    super(CareCommentAddedEvent.eventName, init());
  }
}

/** An activity moved to another request or customer (R16, R29). */
export class CareActivityMovedEvent extends Event {
  static readonly eventName = 'care-activity-moved';
  constructor(readonly activity: Activity) {
    super(CareActivityMovedEvent.eventName, init());
  }
}

/** The agent picked an activity in the journey to see its details. */
export class CareActivitySelectEvent extends Event {
  static readonly eventName = 'care-activity-select';
  constructor(readonly activityId: string) {
    super(CareActivitySelectEvent.eventName, init());
  }
}

/** A new customer record was created (R10, R27). */
export class CareCustomerCreatedEvent extends Event {
  static readonly eventName = 'care-customer-created';
  constructor(readonly customer: Customer) {
    super(CareCustomerCreatedEvent.eventName, init());
  }
}

/** A customer's changes were saved (R10). */
export class CareCustomerSavedEvent extends Event {
  static readonly eventName = 'care-customer-saved';
  constructor(readonly customer: Customer) {
    super(CareCustomerSavedEvent.eventName, init());
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'care-task-offered': CareTaskOfferedEvent;
    'care-task-accept': CareTaskAcceptEvent;
    'care-task-accepted': CareTaskAcceptedEvent;
    'care-task-declined': CareTaskDeclinedEvent;
    'care-customer-linked': CareCustomerLinkedEvent;
    'care-task-select': CareTaskSelectEvent;
    'care-task-close': CareTaskCloseEvent;
    'care-task-closed': CareTaskClosedEvent;
    'care-status-change': CareStatusChangeEvent;
    'care-status-changed': CareStatusChangedEvent;
    'care-message-sent': CareMessageSentEvent;
    'care-request-saved': CareRequestSavedEvent;
    'care-request-created': CareRequestCreatedEvent;
    'care-tag-added': CareTagAddedEvent;
    'care-tag-removed': CareTagRemovedEvent;
    'care-comment-added': CareCommentAddedEvent;
    'care-activity-moved': CareActivityMovedEvent;
    'care-activity-select': CareActivitySelectEvent;
    'care-customer-created': CareCustomerCreatedEvent;
    'care-customer-saved': CareCustomerSavedEvent;
  }
}
