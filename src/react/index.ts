/**
 * React components for every Care Kit element, made with `@lit/react`.
 * Importing this module registers the elements (it imports `define`), so a
 * React app needs nothing else:
 *
 * ```tsx
 * import { CareProvider, CareQueue, CareJourney } from 'care-kit/react';
 *
 * <CareProvider store={store} onTaskAccepted={(e) => openRecord(e.task.customerId)}>
 *   <CareQueue />
 *   <aside><CareJourney /></aside>
 * </CareProvider>
 * ```
 *
 * Properties (`store`, `transport`, `customerId`, `taskId` …) are set on the
 * element as properties, so objects pass through as they are. The kit's DOM
 * events become `on…` props named after the event without its `care-`
 * prefix: `care-task-accepted` is `onTaskAccepted`, and the handler gets the
 * typed event (`e.task`). Events bubble and are composed, so
 * `CareProvider` and `CareDesktop` take the props of every element that can
 * sit inside them; each other component takes the props of the events it
 * fires itself.
 *
 * React is an optional peer dependency of the kit: only this entry needs it.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import '../define.js';
import { CareActivity as CareActivityElement } from '../elements/care-activity/care-activity.js';
import { CareAgentStatus as CareAgentStatusElement } from '../elements/care-agent-status/care-agent-status.js';
import { CareComments as CareCommentsElement } from '../elements/care-comments/care-comments.js';
import { CareCommunication as CareCommunicationElement } from '../elements/care-communication/care-communication.js';
import { CareCustomer as CareCustomerElement } from '../elements/care-customer/care-customer.js';
import { CareDesktop as CareDesktopElement } from '../elements/care-desktop/care-desktop.js';
import { CareJourney as CareJourneyElement } from '../elements/care-journey/care-journey.js';
import { CareProvider as CareProviderElement } from '../elements/care-provider/care-provider.js';
import { CareQueue as CareQueueElement } from '../elements/care-queue/care-queue.js';
import { CareRequestElement } from '../elements/care-request/care-request.js';
import {
  CareActivityMovedEvent,
  CareActivitySelectEvent,
  CareCommentAddedEvent,
  CareCustomerCreatedEvent,
  CareCustomerLinkedEvent,
  CareCustomerSavedEvent,
  CareMessageSentEvent,
  CareRequestCreatedEvent,
  CareRequestSavedEvent,
  CareStatusChangeEvent,
  CareStatusChangedEvent,
  CareTagAddedEvent,
  CareTagRemovedEvent,
  CareTaskAcceptEvent,
  CareTaskAcceptedEvent,
  CareTaskCloseEvent,
  CareTaskClosedEvent,
  CareTaskDeclinedEvent,
  CareTaskOfferedEvent,
  CareTaskSelectEvent,
} from '../events.js';

/** Every event of the kit as a React prop, typed with its event class (see src/events.ts). */
const EVENTS = {
  onTaskOffered: CareTaskOfferedEvent.eventName as EventName<CareTaskOfferedEvent>,
  onTaskAccept: CareTaskAcceptEvent.eventName as EventName<CareTaskAcceptEvent>,
  onTaskAccepted: CareTaskAcceptedEvent.eventName as EventName<CareTaskAcceptedEvent>,
  onTaskDeclined: CareTaskDeclinedEvent.eventName as EventName<CareTaskDeclinedEvent>,
  onTaskSelect: CareTaskSelectEvent.eventName as EventName<CareTaskSelectEvent>,
  onTaskClose: CareTaskCloseEvent.eventName as EventName<CareTaskCloseEvent>,
  onTaskClosed: CareTaskClosedEvent.eventName as EventName<CareTaskClosedEvent>,
  onStatusChange: CareStatusChangeEvent.eventName as EventName<CareStatusChangeEvent>,
  onStatusChanged: CareStatusChangedEvent.eventName as EventName<CareStatusChangedEvent>,
  onMessageSent: CareMessageSentEvent.eventName as EventName<CareMessageSentEvent>,
  onRequestSaved: CareRequestSavedEvent.eventName as EventName<CareRequestSavedEvent>,
  onRequestCreated: CareRequestCreatedEvent.eventName as EventName<CareRequestCreatedEvent>,
  onTagAdded: CareTagAddedEvent.eventName as EventName<CareTagAddedEvent>,
  onTagRemoved: CareTagRemovedEvent.eventName as EventName<CareTagRemovedEvent>,
  onCommentAdded: CareCommentAddedEvent.eventName as EventName<CareCommentAddedEvent>,
  onActivityMoved: CareActivityMovedEvent.eventName as EventName<CareActivityMovedEvent>,
  onActivitySelect: CareActivitySelectEvent.eventName as EventName<CareActivitySelectEvent>,
  onCustomerCreated: CareCustomerCreatedEvent.eventName as EventName<CareCustomerCreatedEvent>,
  onCustomerLinked: CareCustomerLinkedEvent.eventName as EventName<CareCustomerLinkedEvent>,
  onCustomerSaved: CareCustomerSavedEvent.eventName as EventName<CareCustomerSavedEvent>,
};

type CareEventProps = typeof EVENTS;

/** The props of the events an element fires (its JSDoc `@fires`). */
function fires<K extends keyof CareEventProps>(...props: K[]): Pick<CareEventProps, K> {
  return Object.fromEntries(props.map((prop) => [prop, EVENTS[prop]])) as Pick<CareEventProps, K>;
}

/** Provides a store to the Care Kit components inside it; hears every event they fire. */
export const CareProvider = createComponent({
  react: React,
  tagName: 'care-provider',
  elementClass: CareProviderElement,
  events: EVENTS,
  displayName: 'CareProvider',
});

/** The whole agent desktop; hears every event of the elements it is composed of. */
export const CareDesktop = createComponent({
  react: React,
  tagName: 'care-desktop',
  elementClass: CareDesktopElement,
  events: EVENTS,
  displayName: 'CareDesktop',
});

/** Agent status and pushed offers. */
export const CareAgentStatus = createComponent({
  react: React,
  tagName: 'care-agent-status',
  elementClass: CareAgentStatusElement,
  events: fires('onStatusChange', 'onStatusChanged', 'onTaskOffered', 'onTaskAccept', 'onTaskAccepted', 'onTaskDeclined'),
  displayName: 'CareAgentStatus',
});

/** Pick queue with preview, and the in-progress list. */
export const CareQueue = createComponent({
  react: React,
  tagName: 'care-queue',
  elementClass: CareQueueElement,
  events: fires('onTaskSelect', 'onTaskAccept', 'onTaskAccepted'),
  displayName: 'CareQueue',
});

/** Chat transcript and composer, or call information. */
export const CareCommunication = createComponent({
  react: React,
  tagName: 'care-communication',
  elementClass: CareCommunicationElement,
  events: fires('onMessageSent'),
  displayName: 'CareCommunication',
});

/** The customer journey, with moves and new requests. */
export const CareJourney = createComponent({
  react: React,
  tagName: 'care-journey',
  elementClass: CareJourneyElement,
  events: fires('onActivitySelect', 'onActivityMoved', 'onRequestCreated'),
  displayName: 'CareJourney',
});

/** Request title, description, status and dates. */
export const CareRequest = createComponent({
  react: React,
  tagName: 'care-request',
  elementClass: CareRequestElement,
  events: fires('onRequestSaved'),
  displayName: 'CareRequest',
});

/** Activity details and tags. */
export const CareActivity = createComponent({
  react: React,
  tagName: 'care-activity',
  elementClass: CareActivityElement,
  events: fires('onTagAdded', 'onTagRemoved'),
  displayName: 'CareActivity',
});

/** Comments of an activity, and a composer to add one. */
export const CareComments = createComponent({
  react: React,
  tagName: 'care-comments',
  elementClass: CareCommentsElement,
  events: fires('onCommentAdded'),
  displayName: 'CareComments',
});

/** Customer details, and the form to edit or create the customer. */
export const CareCustomer = createComponent({
  react: React,
  tagName: 'care-customer',
  elementClass: CareCustomerElement,
  events: fires('onCustomerSaved', 'onCustomerCreated', 'onCustomerLinked'),
  displayName: 'CareCustomer',
});
