/**
 * The simulator's HTTP client for the reference server's protocol: JSON in
 * and out, a bearer token (an agent's session, or the inbound secret), and
 * the protocol's `{ error }` read into a {@link ProtocolError}.
 */

/** A refused, failed or unreachable request: the protocol's error kind and message. */
export class ProtocolError extends Error {
  constructor(
    readonly kind: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class Api {
  /**
   * @param baseUrl the server's origin, e.g. `http://127.0.0.1:8080`
   * @param token sent as `Authorization: Bearer <token>`
   */
  constructor(
    readonly baseUrl: string,
    private token?: string,
  ) {}

  /** Uses another bearer token from now on (after signing in). */
  withToken(token: string): Api {
    return new Api(this.baseUrl, token);
  }

  get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.send<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PUT', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PATCH', path, body);
  }

  private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/care-api${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new ProtocolError('network', 0, `cannot reach ${this.baseUrl}: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`);
    }
    const payload = (await response.json().catch(() => undefined)) as { error?: { kind?: string; message?: string } } | undefined;
    if (!response.ok) {
      const error = payload?.error;
      throw new ProtocolError(error?.kind ?? 'network', response.status, error?.message ?? `HTTP ${response.status}`);
    }
    return payload as T;
  }
}

/** Path segments are escaped, as the protocol says. */
export const seg = encodeURIComponent;
