import type { PersonaCase, PersonaContext } from "../../shared/persona";
import { relativeTime, statusTone } from "./format";

const MAX_INQUIRIES = 3;

/** The matching Persona case (badge, name, assignee, age, dashboard link) and latest inquiries, or why there are none. */
export function PersonaSection({ persona, nowMs }: { persona: PersonaContext; nowMs: number }) {
  if (persona.error) {
    return (
      <section class="part" aria-label="Persona">
        <h3>Persona</h3>
        <p class="notice bad" data-poc="persona-error">
          Persona could not be read: {persona.error.message} [{persona.error.code}]
        </p>
      </section>
    );
  }
  if (persona.ambiguous) {
    return (
      <section class="part" aria-label="Persona">
        <h3>Persona</h3>
        <p class="notice warn" data-poc="persona-ambiguous">
          Several Persona accounts match this user; none is shown as theirs. Set the account's reference ID to the Okta user ID.
        </p>
        <ul class="plain">
          {(persona.accounts ?? []).map((account) => (
            <li key={account.id}>
              <a href={account.dashboardUrl} target="_blank" rel="noopener noreferrer">
                {account.id}
              </a>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  if (persona.account === null && persona.cases.length === 0) {
    return (
      <section class="part" aria-label="Persona">
        <h3>Persona</h3>
        <p class="notice" data-poc="persona-empty">
          No Persona account for this user.
        </p>
      </section>
    );
  }
  const [latest, ...older] = persona.cases;
  return (
    <section class="part" aria-label="Persona">
      <h3>
        Persona
        {persona.matchedBy === "email" ? <span class="hint"> (matched by email)</span> : null}
      </h3>
      {latest ? (
        <CaseCard item={latest} nowMs={nowMs} />
      ) : (
        <p class="notice" data-poc="persona-no-cases">
          No Persona cases for this account.
        </p>
      )}
      {older.length > 0 ? (
        <p class="hint">
          {older.length} older {older.length === 1 ? "case" : "cases"}:{" "}
          {older.map((item) => `${item.name ?? item.id} (${item.status ?? "no status"})`).join(", ")}
        </p>
      ) : null}
      {persona.inquiries.length > 0 ? (
        <>
          <h4>Latest inquiries</h4>
          <ul class="plain" data-poc="inquiries">
            {persona.inquiries.slice(0, MAX_INQUIRIES).map((inquiry) => (
              <li key={inquiry.id}>
                <span class={`badge ${statusTone(inquiry.status)}`}>{inquiry.status ?? "unknown"}</span>{" "}
                <a href={inquiry.dashboardUrl} target="_blank" rel="noopener noreferrer">
                  {inquiry.id}
                </a>{" "}
                <span class="hint" title={inquiry.createdAt ?? undefined}>
                  {relativeTime(inquiry.createdAt, nowMs) ?? ""}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {persona.fetchedAt ? (
        <p class="hint" data-poc="persona-freshness" title={persona.fetchedAt}>
          Persona read {relativeTime(persona.fetchedAt, nowMs)}
          {persona.cached ? " (cached; refresh for the latest)" : ""}
        </p>
      ) : null}
    </section>
  );
}

function CaseCard({ item, nowMs }: { item: PersonaCase; nowMs: number }) {
  const status = item.status ?? (item.open ? "Open" : "Resolved");
  return (
    <div class="case">
      <p>
        <span class={`badge ${statusTone(status)}`} data-poc="case-badge">
          {status}
        </span>{" "}
        <strong data-poc="case-name">{item.name ?? item.id}</strong>
      </p>
      <p class="hint">
        {item.assigneeId ? `Assigned to ${item.assigneeId}` : "Unassigned"}
        {" · "}
        <span title={item.createdAt ?? undefined}>opened {relativeTime(item.createdAt, nowMs) ?? "at an unknown time"}</span>
        {item.resolvedAt ? <span title={item.resolvedAt}> · resolved {relativeTime(item.resolvedAt, nowMs)}</span> : null}
      </p>
      <p>
        <a href={item.dashboardUrl} target="_blank" rel="noopener noreferrer" data-poc="case-link">
          Open the case in Persona
        </a>
      </p>
    </div>
  );
}
