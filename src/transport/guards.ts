/**
 * Type guards over the model's schemas (N4), for code that only needs a
 * yes or no; `state/checks.ts` also says what was wrong. Kept under these
 * names for the store and the contract suite.
 */
import { guard } from '../model/schema.js';
import {
  activitySchema,
  agentSchema,
  careEventSchema,
  careRequestSchema,
  chatMessageSchema,
  commentSchema,
  customerSchema,
  journeySchema,
  sessionSnapshotSchema,
  taskSchema,
} from '../model/schemas.js';

export const isCustomer = guard(customerSchema);
export const isCareRequest = guard(careRequestSchema);
export const isActivity = guard(activitySchema);
export const isTask = guard(taskSchema);
export const isAgent = guard(agentSchema);
export const isComment = guard(commentSchema);
export const isChatMessage = guard(chatMessageSchema);

/** Whether `value` is a well-formed `CareEvent`. */
export const isCareEvent = guard(careEventSchema);

/** Whether `value` is a well-formed `SessionSnapshot`. */
export const isSessionSnapshot = guard(sessionSnapshotSchema);

/** Whether `value` is a well-formed journey. */
export const isJourney = guard(journeySchema);
