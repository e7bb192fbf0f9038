import { changesUser, type LogEvent } from "../../../shared/okta-log-event";
import { recordWebhookEvent } from "../storage/org-store/webhook-events";

export type HookEventPorts = {
  sql: SqlStorage;
  /** The OAuth client IDs of our API Service credentials. */
  clientIds: () => Promise<Set<string>>;
  /** The user's cached context (Persona half and groups) is stale. */
  forgetUser: (oktaUserId: string) => void;
  /** Only the user's groups are stale. */
  forgetGroups: (oktaUserId: string) => void;
  /** The hook is delivering: the gate may keep users' groups. */
  delivered: () => void;
  /** Tags the user's open Persona case (best effort, idempotent by `idempotencyKey`). */
  tagCase: (oktaUserId: string, tag: string, idempotencyKey: string) => void;
};

export type HookOutcome = { received: number; duplicates: number; ours: number; tagged: number };

/** Whether this product caused the event: Okta's request ID is one we audited, or the client is one of ours. */
export function causedByUs(sql: SqlStorage, event: LogEvent, clientIds: Set<string>): boolean {
  const requestId = event.transaction?.id ?? null;
  if (requestId && sql.exec("SELECT 1 FROM audit WHERE okta_request_id = ? LIMIT 1", requestId).toArray().length > 0) return true;
  return [event.client?.id, event.actor?.id].some((id) => typeof id === "string" && clientIds.has(id));
}

/**
 * A verified Okta event hook batch, after it was acknowledged (docs/okta-event-hook.md): each event once (by its
 * `uuid`, in this Durable Object, for 7 days, as Okta delivers at least once); for each user it targets, an event
 * that changes the user drops the user's cached context and, unless this product caused it, tags the user's open
 * Persona case `okta-event:<type>` (one Idempotency-Key per event, so a redelivery cannot tag twice). A group
 * membership change drops only the user's kept groups.
 */
export async function handleHookEvents(ports: HookEventPorts, events: readonly LogEvent[], nowMs: number): Promise<HookOutcome> {
  const outcome: HookOutcome = { received: events.length, duplicates: 0, ours: 0, tagged: 0 };
  ports.delivered();
  const clientIds = await ports.clientIds();
  for (const event of events) {
    if (!recordWebhookEvent(ports.sql, `okta:${event.uuid}`, nowMs)) {
      outcome.duplicates += 1;
      continue;
    }
    const users = (event.target ?? []).filter((target) => target.type === "User").map((target) => target.id);
    if (event.eventType.startsWith("group.user_membership.")) {
      for (const userId of users) ports.forgetGroups(userId);
      continue;
    }
    if (!changesUser(event.eventType)) continue;
    for (const userId of users) ports.forgetUser(userId);
    if (causedByUs(ports.sql, event, clientIds)) {
      outcome.ours += 1;
      continue;
    }
    for (const userId of users) {
      ports.tagCase(userId, `okta-event:${event.eventType}`, `okta-event-${event.uuid}-${userId}`);
      outcome.tagged += 1;
    }
  }
  return outcome;
}
