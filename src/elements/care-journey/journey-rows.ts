import type { Activity, CareRequest, Journey } from '../../model/types.js';

/** One line of the journey: a request, an activity, or the heading of activities without a request. */
export type Row =
  | { kind: 'request'; key: string; request: CareRequest }
  | { kind: 'activity'; key: string; activity: Activity; request: CareRequest | undefined }
  | { kind: 'loose'; key: string };

/**
 * Newest request first, each followed by its activities, newest first;
 * unfiled activities on top. The store hands the journey out oldest first,
 * so reading it backwards gives each list newest first without sorting.
 */
export function rowsOf(journey: Journey): Row[] {
  let rows = built.get(journey);
  if (!rows) built.set(journey, (rows = build(journey)));
  return rows;
}

/** Rows by the journey they were built from: journeys are immutable, and the store hands back the same one while nothing in it changed. */
const built = new WeakMap<Journey, Row[]>();

function build(journey: Journey): Row[] {
  const byRequest = new Map<string, Activity[]>();
  const loose: Activity[] = [];
  const activities = newestFirst(journey.activities, (a) => a.startedAt);
  for (const activity of activities) {
    if (activity.requestId === null) loose.push(activity);
    else {
      const list = byRequest.get(activity.requestId);
      if (list) list.push(activity);
      else byRequest.set(activity.requestId, [activity]);
    }
  }
  const rows: Row[] = [];
  if (loose.length) {
    rows.push({ kind: 'loose', key: 'loose' });
    for (const activity of loose) rows.push({ kind: 'activity', key: activityKey(activity.id), activity, request: undefined });
  }
  for (const request of newestFirst(journey.requests, (r) => r.createdAt)) {
    rows.push({ kind: 'request', key: requestKey(request.id), request });
    for (const activity of byRequest.get(request.id) ?? []) rows.push({ kind: 'activity', key: activityKey(activity.id), activity, request });
  }
  return rows;
}

/** A copy newest first: reversed when oldest first already (the store's order), sorted otherwise. */
function newestFirst<T>(items: readonly T[], time: (item: T) => number): T[] {
  let ascending = true;
  for (let i = 1; i < items.length && ascending; i++) ascending = time(items[i - 1]!) <= time(items[i]!);
  return ascending ? [...items].reverse() : [...items].sort((a, b) => time(b) - time(a));
}

/** A row's key: stable across re-sorting, so focus and the virtualizer follow the row. Made once, with the row. */
export const rowKey = (row: Row): string => row.key;

export const requestKey = (id: string): string => `r:${id}`;
export const activityKey = (id: string): string => `a:${id}`;

/** Whether a row can take focus: the "not in a request" heading cannot. */
export const isFocusable = (row: Row): boolean => row.kind !== 'loose';
