import { CareError } from '../model/errors.js';
import type { CareEvent } from '../transport/port.js';
import { type NoticeEnv, withAgent, withComments, withEntity, withMessage, withNotice, withRevokeNotice, withTask, withWrapUpNotice } from './transitions.js';
import { withChatAttention } from './attention.js';
import type { CareState } from './types.js';

/**
 * The state after one event from the backend. Pure: the caller supplies the
 * time and the notice limit. Reconnecting after `connection: online` is a
 * side effect the store does itself.
 */
export function reduce(s: CareState, event: CareEvent, env: NoticeEnv): CareState {
  switch (event.type) {
    case 'task-offered':
      return withTask(s, event.task);
    case 'task-changed':
      return withTask(withWrapUpNotice(s, env, event.task), event.task);
    case 'task-revoked': {
      return withRevokeNotice(withTask(s, event.task), env, event.reason, event.task);
    }
    case 'agent-changed':
      return withAgent(s, event.agent);
    case 'entity-changed':
      return withEntity(s, env, event.change, event.changedBy, false);
    case 'comment-added': {
      const { comment } = event;
      // Only into a list already loaded: a list loaded later brings it anyway.
      if (!s.comments[comment.activityId]) return s;
      return withComments(s, comment.activityId, (list) => (list.some((c) => c.id === comment.id) ? list : [...list, comment]));
    }
    case 'chat-message':
      return withChatAttention(withMessage(s, event.message), event.message);
    case 'connection':
      if (event.online) return withNotice(s, env, 'info', 'connection-restored', 'Connection restored.');
      return withNotice(
        { ...s, connection: 'offline', connectionError: CareError.network('The connection to the service was lost.') },
        env,
        'error',
        'connection-lost',
        'The connection to the service was lost. Your unsaved work is kept.',
      );
  }
}
