import type { TimelineItem } from "../../shared/timeline";
import { relativeTime } from "./format";
import { isHttpsLink } from "./https-link";
import { MARK_COPY, SOURCE_LABEL } from "./timeline-copy";

/** Where an item's link goes, in words. */
const LINK_TEXT = { okta: "In the System Log", persona: "In Persona", audit: "Details" } as const;
const QUIET_OUTCOMES = new Set(["success", "allow"]);

/** "2026-11-27 09:14 UTC": one clock for every source, as an incident timeline is written. */
function utc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/**
 * One timeline item: when (UTC, the relative time on hover), which source, its marks as badges in words, the
 * summary, a failed outcome, who did it, and for Okta events where from (IP, place, device). Everything is text;
 * the link is drawn only when it is https.
 */
export function TimelineEntry({ item, nowMs }: { item: TimelineItem; nowMs: number }) {
  const marks = item.marked ?? [];
  const outcome = item.outcome && !QUIET_OUTCOMES.has(item.outcome.toLowerCase()) ? item.outcome : null;
  const client = item.client;
  const place = client ? [client.city, client.country].filter(Boolean).join(", ") : "";
  const actor = item.actor ? (item.actor.displayName ?? item.actor.id) : null;
  return (
    <li class={marks.length > 0 ? "item marked" : "item"} data-poc-item={item.id} data-source={item.source}>
      <div>
        <time dateTime={item.time} title={relativeTime(item.time, nowMs) ?? undefined}>
          {utc(item.time)}
        </time>{" "}
        <span class="badge neutral">{SOURCE_LABEL[item.source]}</span>
        {marks.map((mark) => (
          <span key={mark} class={`badge ${MARK_COPY[mark].tone}`} data-mark={mark}>
            {MARK_COPY[mark].label}
          </span>
        ))}
      </div>
      <p>
        {item.summary}
        {outcome ? <span class="badge bad">{outcome}</span> : null}
      </p>
      <p class="hint">
        {actor ? <span>by {actor}</span> : null}
        {client?.ipAddress ? <span data-poc="ip">IP {client.ipAddress}</span> : null}
        {place ? <span data-poc="place">{place}</span> : null}
        {client?.device || client?.userAgent ? (
          <span class="ua" title={client.userAgent ?? undefined}>
            {[client.device, client.userAgent].filter(Boolean).join(" · ")}
          </span>
        ) : null}
        {item.link && isHttpsLink(item.link) ? (
          <a href={item.link} target="_blank" rel="noopener noreferrer">
            {LINK_TEXT[item.source]}
          </a>
        ) : null}
      </p>
    </li>
  );
}
