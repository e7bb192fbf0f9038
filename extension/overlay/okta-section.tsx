import type { OktaUserSummary, PartError } from "../../shared/persona";
import { oktaStatusTone, relativeTime } from "./format";

const MAX_GROUPS = 8;

/** The user's Okta status, last sign-in and groups (as the worker read them just now). */
export function OktaSection({ okta, error, nowMs }: { okta: OktaUserSummary | null; error: PartError | undefined; nowMs: number }) {
  if (okta === null) {
    return (
      <section class="part" aria-label="Okta">
        <h3>Okta</h3>
        <p class="notice bad" data-poc="okta-error">
          Okta could not be read: {error ? describePartError(error) : "no answer"}
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

/** Okta's own `errorSummary` first when the worker passed it on, then our message and code. */
function describePartError(error: PartError): string {
  const summary = typeof error.details?.errorSummary === "string" ? error.details.errorSummary : null;
  return `${summary ? `${summary} (${error.message})` : error.message} [${error.code}]`;
}
