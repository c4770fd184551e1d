/**
 * N3 across instances: which agents have a live event stream. Each stream
 * is a row in `agent_streams` (migration 005) that the instance holding it
 * refreshes on every sweep; a row not refreshed for `LINK_STALE_MS` belongs
 * to an instance that died and is swept by any other. When an agent's last
 * stream goes, `agents.link_lost_at` says when, on the care clock: routing
 * then offers them nothing, and an offer that expires after that costs them
 * no R13 penalty (domain/routing.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/pool.js';
import { LINK_STALE_MS, LIVE_STREAM } from '../domain/links.js';

export class Presence {
  /** The streams this instance holds, by id: the rows it keeps fresh. */
  private readonly held = new Map<string, string>();

  constructor(
    private readonly db: Db,
    private readonly instance: string,
  ) {}

  /** An agent's stream opened here; resolves with its id, for `closed`. Should the write fail, the next beat makes the row. */
  async opened(agentId: string): Promise<string> {
    const id = randomUUID();
    this.held.set(id, agentId);
    await this.db.rows('INSERT INTO agent_streams (id, agent_id, instance, seen_at) VALUES ($1, $2, $3, care_wall_ms())', [id, agentId, this.instance]).catch(() => undefined);
    return id;
  }

  /** The stream closed: when it was the agent's last, their link is lost from now. A row already gone (a reset) changes nothing. */
  async closed(streamId: string): Promise<void> {
    this.held.delete(streamId);
    await this.db.rows(
      `WITH gone AS (DELETE FROM agent_streams WHERE id = $1 RETURNING agent_id)
       UPDATE agents g SET link_lost_at = care_now_ms() FROM gone
       WHERE g.id = gone.agent_id AND NOT EXISTS (
         SELECT 1 FROM agent_streams s WHERE s.agent_id = g.id AND s.id <> $1 AND s.seen_at >= care_wall_ms() - $2::bigint)`,
      [streamId, LINK_STALE_MS],
    );
  }

  /**
   * Refreshes (or makes again, after a failed write or a reset) the rows of this instance's streams, and sweeps
   * those no instance refreshes any more: a killed instance's.
   */
  async beat(): Promise<void> {
    if (this.held.size) {
      await this.db.rows(
        `INSERT INTO agent_streams (id, agent_id, instance, seen_at)
         SELECT h.id, h.agent_id, $3, care_wall_ms() FROM unnest($1::text[], $2::text[]) AS h(id, agent_id)
         WHERE EXISTS (SELECT 1 FROM agents a WHERE a.id = h.agent_id)
         ON CONFLICT (id) DO UPDATE SET seen_at = EXCLUDED.seen_at`,
        [[...this.held.keys()], [...this.held.values()], this.instance],
      );
    }
    await this.db.rows(
      `WITH stale AS (DELETE FROM agent_streams WHERE seen_at < care_wall_ms() - $1::bigint RETURNING agent_id)
       UPDATE agents g SET link_lost_at = care_now_ms()
       WHERE g.id IN (SELECT agent_id FROM stale) AND NOT ${LIVE_STREAM}`,
      [LINK_STALE_MS],
    );
  }
}
