/**
 * `care-kit/http`: the transport for Care Kit's reference server, over
 * `fetch` and Server-Sent Events, with the sign-in helpers a sign-in screen
 * needs (`HttpTransport.signIn`, `signOut`, `currentAgent`). A separate
 * entry: hosts on the embedded engine or their own adapter never load it.
 */
export { HttpTransport } from './http/http-transport.js';
export type {
  Credentials,
  EventSourceClass,
  EventSourceLike,
  EventSourceOptions,
  FetchFunction,
  HttpTransportOptions,
  SessionOptions,
  SignedInAgent,
  SignInOptions,
  SignInResult,
} from './http/types.js';
