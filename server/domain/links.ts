/** N3: what routing asks of an agent's link (rows kept by events/presence.ts). */

/** A stream whose instance has not refreshed it this long is gone (the sweep refreshes every second). */
export const LINK_STALE_MS = 30_000;

/** SQL: whether agent `g` has a stream some instance keeps fresh. */
export const LIVE_STREAM = `EXISTS (SELECT 1 FROM agent_streams s WHERE s.agent_id = g.id AND s.seen_at >= care_wall_ms() - ${LINK_STALE_MS})`;

/** SQL: whether agent `g`'s link is down now. One never seen with a stream (an API client) counts as linked. */
export const LINK_DOWN = `(g.link_lost_at IS NOT NULL AND NOT ${LIVE_STREAM})`;
