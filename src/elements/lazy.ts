/** A module fetched the first time it is needed; `value` once it is here. */
export interface Lazy<T> {
  readonly value: T | undefined;
  /** Fetches it (once); a failed fetch is tried again on the next call. */
  load(): Promise<T>;
}

/** Wraps a dynamic `import()` so that callers can render synchronously once it arrived. */
export function lazy<T>(fetch: () => Promise<T>): Lazy<T> {
  let value: T | undefined;
  let loading: Promise<T> | undefined;
  return {
    get value() {
      return value;
    },
    load() {
      loading ??= fetch().then(
        (loaded) => (value = loaded),
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
      return loading;
    },
  };
}
