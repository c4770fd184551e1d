/**
 * Reading request bodies and writing answers. Every failure becomes the
 * protocol's `{ error }` with the status of its kind; nothing the client
 * sends can produce a stack trace in an answer (B6).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CareError } from '../../src/model/errors.js';
import { describeProblem, type Schema } from '../../src/model/schema.js';
import { ERROR_STATUS } from '../../src/model/http-status.js';

/** Bodies larger than this are refused with 413: no command of the protocol comes near it. */
export const BODY_LIMIT = 64 * 1024;

/** An error with its own HTTP status (413, 415), still carrying a CareError body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: CareError,
  ) {
    super(error.message);
  }
}

function malformed(message: string, detail?: string): CareError {
  return new CareError({ kind: 'validation', message, issues: [{ field: 'body', code: 'required', message }], ...(detail ? { detail } : {}) });
}

/** Reads a JSON body of at most BODY_LIMIT bytes and checks it against `schema`. */
/** A body a route may do without (X6's close): `fallback` when the request has none, else read as {@link readBody}. */
export async function readOptionalBody<T>(req: IncomingMessage, schema: Schema<T>, fallback: T): Promise<T> {
  const none = !req.headers['content-type'] && !Number(req.headers['content-length'] ?? 0) && req.headers['transfer-encoding'] === undefined;
  return none ? fallback : readBody(req, schema);
}

export async function readBody<T>(req: IncomingMessage, schema: Schema<T>): Promise<T> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(415, malformed('Send the request as JSON (content-type: application/json).'));
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > BODY_LIMIT) throw new HttpError(413, malformed('The request is too large.'));
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) throw new HttpError(413, malformed('The request is too large.'));
    chunks.push(chunk);
  }
  let value: unknown;
  let nul = false;
  try {
    // PostgreSQL text cannot hold NUL, and no agent types one: refuse it here rather than fail in SQL.
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'), (_key, v: unknown) => {
      if (typeof v === 'string' && v.includes('\0')) nul = true;
      return v;
    });
  } catch {
    throw malformed('The request is not valid JSON.');
  }
  if (nul) throw malformed('The request contains a NUL character, which text may not hold.');
  const problem = schema(value);
  if (problem) throw malformed('The request is not what this operation expects.', describeProblem(problem));
  return value as T;
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(body);
}

/** PostgreSQL and socket failures that mean "the database is not there right now". */
const UNAVAILABLE = /^(08|53|57P0[123])/;

/** Turns anything thrown into the protocol's error; unexpected ones are logged here, never sent. */
export function sendError(res: ServerResponse, error: unknown): void {
  if (error instanceof HttpError) return sendJson(res, error.status, { error: error.error.toJSON() });
  if (error instanceof CareError) return sendJson(res, ERROR_STATUS[error.kind], { error: error.toJSON() });
  const code = (error as { code?: string }).code ?? '';
  // The client hung up mid-request: nobody is left to answer, and nothing is wrong with the server.
  if (res.destroyed || code === 'ECONNRESET' || code === 'ECONNABORTED' || (error as Error)?.message === 'aborted') return;
  if (UNAVAILABLE.test(code) || /ECONNREFUSED|ECONNRESET|Connection terminated|timeout/i.test(String((error as Error).message))) {
    return sendJson(res, 503, { error: CareError.network('The contact centre’s database is not answering. Try again in a moment.').toJSON() });
  }
  console.error('care-server: unexpected failure', error);
  sendJson(res, 503, { error: CareError.network('The server failed to do that. Try again; if it keeps failing, tell your supervisor.').toJSON() });
}
