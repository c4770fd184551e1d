/**
 * English strings: the reference table. Every other language translates
 * these keys; a key missing there falls back to this table, never to blank.
 * `{name}` marks a parameter. Keys ending in `.one` / `.other` (and `.few`,
 * `.many` where a language needs them) are plural forms chosen by Intl.PluralRules.
 */
export const en = {
  'common.loading': 'Loading…',
  'common.retry': 'Retry',
  'common.dismiss': 'Dismiss',
  'common.cancel': 'Cancel',
  'common.noStore': 'Not connected: place this element inside <care-desktop> or <care-provider>.',
  'common.unknownCustomer': 'Unknown customer',
  'common.offline': 'Offline — your work is kept and will be sent when the connection is back.',

  'media.chat': 'Chat',
  'media.call': 'Call',
  'media.email': 'Email',
  'media.sms': 'SMS',

  'status.label': 'Status',
  'status.ready': 'Ready',
  'status.notReady': 'Not Ready',
  'status.nowReady': 'You are Ready: tasks will be offered to you.',
  'status.nowNotReady': 'You are Not Ready: no tasks will be offered.',
  'status.timedOut': 'You did not accept an offer within 15 minutes, so your status changed to Not Ready.',

  'offers.heading': 'Offers',
  'offers.none': 'No offers right now.',
  'offers.goReady': 'Go Ready to receive offers.',
  'offers.accept': 'Accept',
  'offers.timeLeft': 'Time left to accept: {time}',
  'offers.announce': 'New {media} offer from {name}.',
  'offers.item': '{media} from {name}',

  'queue.heading': 'Queue',
  'queue.empty': 'The queue is empty.',
  'queue.preview': 'Preview',
  'queue.accept': 'Accept',
  'queue.waiting': 'waiting {time}',
  'queue.count.one': '{count} task waiting',
  'queue.count.other': '{count} tasks waiting',
  'queue.previewHeading': 'Preview of the selected task',
  'queue.previewOnly': 'Preview only — accept the task to change anything.',
  'queue.newCustomer': 'New customer (not created yet)',
  'queue.joinsRequest': 'Will join the open request “{title}”.',
  'queue.newRequest': 'Will start a new request.',
  'queue.accepted': 'Accepted: {media} with {name}.',
  'queue.customer': 'Customer',
  'queue.email': 'Email',
  'queue.phone': 'Phone',
  'queue.request': 'Request',
  'queue.activity': 'Activity',
  'queue.received': 'Received {time}',
  'queue.item': '{media} from {name}',
  'queue.acceptLabel': 'Accept: {media} from {name}',
  'queue.none': '—',

  'progress.heading': 'In progress',
  'progress.empty': 'Nothing in progress.',
  'progress.since': 'for {time}',
  'progress.open': 'Open',

  'comm.heading': 'Conversation',
  'comm.none': 'Accept a chat or call to see it here.',
  'comm.transcript': 'Chat with {name}',
  'comm.message': 'Message',
  'comm.send': 'Send',
  'comm.sending': 'Sending…',
  'comm.sendHint': 'Enter sends, Shift+Enter adds a line.',
  'comm.ended': 'This chat has ended.',
  'comm.you': 'You',
  'comm.callWith': 'Call with {name}',
  'comm.number': 'Number',
  'comm.duration': 'Duration',
  'comm.started': 'Connected at',
  'comm.noNumber': 'Number withheld',

  'field.counter': '{count} of {max} characters',
  'field.tooLong': '{field} is {count} characters; the limit is {max}.',

  'desktop.close': 'Close',
  'desktop.closeTask': 'Close the interaction with {name}',
  'desktop.noTask': 'No task is open. Accept one from the queue or go Ready.',
  'desktop.unsavedTitle': 'Unsaved customer changes',
  'desktop.unsavedBody': 'The changes to {name} are not saved yet.',
  'desktop.save': 'Save and close',
  'desktop.discard': 'Discard and close',
  'desktop.notCreatedTitle': 'Customer not created',
  'desktop.notCreatedBody': '{name} is not a customer record yet. Create it before closing?',
  'desktop.create': 'Create and close',
  'desktop.closeWithout': 'Close without creating',
  'desktop.closed': 'Closed the interaction with {name}.',
  'desktop.pending': '{element} arrives with the customer-record elements.',
  'desktop.journey': 'Customer journey',
  'desktop.customer': 'Customer details',
  'desktop.request': 'Request details',
  'desktop.activity': 'Activity details',
  'desktop.comments': 'Comments',
  'desktop.notices': 'Notifications',

  'time.seconds': '{s}s',
  'time.minutes': '{m}:{ss}',
  'time.hours': '{h}:{mm}:{ss}',
} as const;

/** Every string key. */
export type StringKey = keyof typeof en;

/** A translation table: any subset of the keys; missing ones fall back to English. */
export type Translations = Partial<Record<StringKey, string>>;
