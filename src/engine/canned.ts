/** X7: the replies a contact centre starts with; a host's own seed brings its own. */
import type { CannedResponse } from '../model/types.js';

export const DEFAULT_CANNED_RESPONSES: readonly CannedResponse[] = [
  { id: 'canned-greeting', title: 'Greeting', text: 'Hello {customer}, this is {agent}. How can I help you today?' },
  { id: 'canned-moment', title: 'One moment', text: 'Thank you, {customer}. One moment while I check that for you.' },
  { id: 'canned-refund', title: 'Refund timing', text: 'A refund reaches your account within 5 working days of our confirmation.' },
  { id: 'canned-tracking', title: 'Tracking link', text: 'You can follow your parcel with the tracking link in your order confirmation email.' },
  { id: 'canned-password', title: 'Password reset', text: 'I have sent a password reset link to your email address. It works for one hour.' },
  { id: 'canned-anything-else', title: 'Anything else?', text: 'Is there anything else I can help you with, {customer}?' },
  { id: 'canned-goodbye', title: 'Goodbye', text: 'Thank you for contacting us, {customer}. Have a good day!' },
];
