import type { Activity, CareRequest, Journey } from '../../model/types.js';

/** One line of the journey: a request, an activity, or the heading of activities without a request. */
export type Row =
  | { kind: 'request'; request: CareRequest }
  | { kind: 'activity'; activity: Activity; request: CareRequest | undefined }
  | { kind: 'loose' };

/** Newest request first, each followed by its activities, newest first; unfiled activities on top. */
export function rowsOf(journey: Journey): Row[] {
  const byRequest = new Map<string, Activity[]>();
  const loose: Activity[] = [];
  for (const activity of journey.activities) {
    if (activity.requestId === null) loose.push(activity);
    else {
      const list = byRequest.get(activity.requestId);
      if (list) list.push(activity);
      else byRequest.set(activity.requestId, [activity]);
    }
  }
  const newest = (a: { startedAt: number }, b: { startedAt: number }) => b.startedAt - a.startedAt;
  const rows: Row[] = [];
  if (loose.length) {
    rows.push({ kind: 'loose' });
    for (const activity of loose.sort(newest)) rows.push({ kind: 'activity', activity, request: undefined });
  }
  for (const request of [...journey.requests].sort((a, b) => b.createdAt - a.createdAt)) {
    rows.push({ kind: 'request', request });
    for (const activity of (byRequest.get(request.id) ?? []).sort(newest)) rows.push({ kind: 'activity', activity, request });
  }
  return rows;
}

/** A row's key: stable across re-sorting, so focus and the virtualizer follow the row. */
export function rowKey(row: Row): string {
  if (row.kind === 'loose') return 'loose';
  return row.kind === 'request' ? requestKey(row.request.id) : activityKey(row.activity.id);
}

export const requestKey = (id: string): string => `r:${id}`;
export const activityKey = (id: string): string => `a:${id}`;

/** Whether a row can take focus: the "not in a request" heading cannot. */
export const isFocusable = (row: Row): boolean => row.kind !== 'loose';
