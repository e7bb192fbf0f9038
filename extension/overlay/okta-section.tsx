import type { PartError } from "../../shared/persona";
import type { OktaUserSummary } from "../../shared/persona";
import { oktaStatusTone, relativeTime } from "./format";

const MAX_GROUPS = 8;

/** The user's Okta status, last sign-in and groups (as the worker read them just now). */
export function OktaSection({ okta, error, nowMs }: { okta: OktaUserSummary | null; error: PartError | undefined; nowMs: number }) {
  if (okta === null) {
    return (
      <section class="part" aria-label="Okta">
        <h3>Okta</h3>
        <p class="notice bad" data-poc="okta-error">
          Okta could not be read: {error ? `${error.message} [${error.code}]` : "no answer"}
        </p>
      </section>
    );
  }
  const groups = okta.groups.slice(0, MAX_GROUPS);
  return (
    <section class="part" aria-label="Okta">
      <h3>Okta</h3>
      <p>
        <span class={`badge ${oktaStatusTone(okta.status)}`} data-poc="okta-status">
          {okta.status}
        </span>{" "}
        <span class="hint" title={okta.lastLogin ?? undefined}>
          {okta.lastLogin ? `last sign-in ${relativeTime(okta.lastLogin, nowMs)}` : "never signed in"}
        </span>
      </p>
      {okta.groupsError ? (
        <p class="hint">Groups could not be read: {okta.groupsError.message}</p>
      ) : groups.length > 0 ? (
        <ul class="chips" data-poc="groups" aria-label="Groups">
          {groups.map((group) => (
            <li key={group.id}>{group.name ?? group.id}</li>
          ))}
          {okta.groups.length > MAX_GROUPS ? <li>+{okta.groups.length - MAX_GROUPS} more</li> : null}
        </ul>
      ) : (
        <p class="hint">No groups.</p>
      )}
    </section>
  );
}
