/**
 * A bare Server-Sent Events reader over fetch for protocol tests: it keeps
 * every message with its `id` and `event`, so tests can check order, gaps
 * and duplicates exactly (B4).
 */
export interface SseMessage {
  id?: number;
  event: string;
  data: string;
}

export interface SseReader {
  readonly messages: SseMessage[];
  /** The data of `message` events, parsed. */
  events(): { id: number; type: string; [key: string]: unknown }[];
  /** Waits until `test` holds for the messages so far. */
  until(test: (messages: SseMessage[]) => boolean, what: string, ms?: number): Promise<void>;
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  if (res.status !== 200 || !res.body) throw new Error(`event stream answered ${res.status}: ${await res.text()}`);
  const messages: SseMessage[] = [];
  const waiters = new Set<() => void>();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const message: SseMessage = { event: 'message', data: '' };
          let hasData = false;
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) message.id = Number(line.slice(4));
            else if (line.startsWith('event: ')) message.event = line.slice(7);
            else if (line.startsWith('data: ')) {
              message.data += line.slice(6);
              hasData = true;
            }
          }
          if (hasData) messages.push(message);
          for (const wake of waiters) wake();
        }
      }
    } catch {
      // closed
    }
  })();
  return {
    messages,
    events: () =>
      messages.filter((m) => m.event === 'message').map((m) => ({ id: m.id!, ...(JSON.parse(m.data) as { type: string }) })),
    until(test, what, ms = 5_000) {
      if (test(messages)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${what}; got ${messages.length} messages`));
        }, ms);
        const check = () => {
          if (!test(messages)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      });
    },
    close: () => controller.abort(),
  };
}
