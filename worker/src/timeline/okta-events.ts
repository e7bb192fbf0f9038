import { changesUser, type LogEvent } from "../../../shared/okta-log-event";
import { eventMarks, type TimelineItem, type TimelineMark } from "../../../shared/timeline";

/**
 * Okta System Log events (docs/okta.md §7) as timeline items: what happened, from where, Okta's own risk fields,
 * and the investigators' marks (shared/timeline.ts), including sign-ins from a country, device or IP that the
 * user's earlier sign-ins in the same read never came from.
 */

/** The `debugContext.debugData` keys that carry Okta's risk assessment, when it gives one. */
const RISK_KEYS = ["risk", "riskLevel", "riskReasons", "behaviors", "threatSuspected", "logOnlySecurityData"] as const;
/** The sign-in event whose origin is compared with the user's earlier ones. */
const SIGN_IN = "user.session.start";

function riskOf(event: LogEvent): Record<string, string> | undefined {
  const data = event.debugContext?.debugData;
  if (!data) return undefined;
  const risk: Record<string, string> = {};
  for (const key of RISK_KEYS) {
    const value = data[key];
    if (value !== undefined && value !== null) risk[key] = (typeof value === "string" ? value : JSON.stringify(value)).slice(0, 500);
  }
  return Object.keys(risk).length > 0 ? risk : undefined;
}

function summaryOf(event: LogEvent): string {
  const where = [event.client?.geographicalContext?.city, event.client?.geographicalContext?.country].filter(Boolean).join(", ");
  const message = event.displayMessage ?? event.eventType;
  return (where ? `${message} (${where})` : message).slice(0, 300);
}

/**
 * Items for `events` (any order), newest first. `systemLogUrl` links one event in the admin console's System Log;
 * a change to the user that `ours` does not claim is marked `outside_this_product`.
 * A sign-in is marked `new_country`, `new_device` or `new_ip` when an earlier successful sign-in among `events`
 * exists and none of them came from that country, device or IP (the oldest sign-in of a read is never "new").
 */
export function oktaItems(
  events: readonly LogEvent[],
  systemLogUrl: (uuid: string) => string | undefined,
  ours: (event: LogEvent) => boolean = () => false,
): TimelineItem[] {
  const oldestFirst = [...events].sort((a, b) => Date.parse(a.published) - Date.parse(b.published));
  const seen = { country: new Set<string>(), device: new Set<string>(), ip: new Set<string>() };
  let signIns = 0;
  const items = oldestFirst.map((event) => {
    const marks: TimelineMark[] = eventMarks({ eventType: event.eventType, outcome: event.outcome?.result ?? null });
    // A change to the user that this product did not make: another admin, a policy, the user, Okta itself.
    if (changesUser(event.eventType) && !ours(event)) marks.push("outside_this_product");
    if (event.eventType === SIGN_IN && event.outcome?.result === "SUCCESS") {
      const origin = {
        country: event.client?.geographicalContext?.country ?? null,
        device: event.client?.userAgent?.rawUserAgent ?? event.client?.device ?? null,
        ip: event.client?.ipAddress ?? null,
      };
      if (signIns > 0) {
        if (origin.country && !seen.country.has(origin.country)) marks.push("new_country");
        if (origin.device && !seen.device.has(origin.device)) marks.push("new_device");
        if (origin.ip && !seen.ip.has(origin.ip)) marks.push("new_ip");
      }
      signIns += 1;
      if (origin.country) seen.country.add(origin.country);
      if (origin.device) seen.device.add(origin.device);
      if (origin.ip) seen.ip.add(origin.ip);
    }
    return toItem(event, marks, systemLogUrl(event.uuid));
  });
  return items.reverse();
}

function toItem(event: LogEvent, marks: TimelineMark[], link: string | undefined): TimelineItem {
  const client = event.client;
  const risk = riskOf(event);
  return {
    id: `okta:${event.uuid}`,
    source: "okta",
    time: new Date(Date.parse(event.published)).toISOString(),
    type: event.eventType,
    summary: summaryOf(event),
    ...(event.outcome?.result ? { outcome: event.outcome.result } : {}),
    ...(event.actor ? { actor: { type: event.actor.type, id: event.actor.id, displayName: event.actor.displayName ?? event.actor.alternateId ?? null } } : {}),
    ...(client
      ? {
          client: {
            ipAddress: client.ipAddress ?? null,
            country: client.geographicalContext?.country ?? null,
            city: client.geographicalContext?.city ?? null,
            device: client.device ?? null,
            userAgent: client.userAgent?.rawUserAgent ?? null,
          },
        }
      : {}),
    ...(risk ? { risk } : {}),
    ...(marks.length > 0 ? { marked: marks } : {}),
    ...(link ? { link } : {}),
  };
}
