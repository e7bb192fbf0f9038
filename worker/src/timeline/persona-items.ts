import type { PersonaMatch } from "../../../shared/persona";
import type { TimelineItem } from "../../../shared/timeline";

type Moment = { at: string | null; type: string; summary: string; outcome?: string | null };

/**
 * The user's Persona cases and inquiries (the context's match: the account whose reference ID is the Okta user)
 * as timeline items, from the objects' own timestamps: each case's creation and resolution, each inquiry's
 * creation, completion and decision. Each item links to the object in Persona's dashboard.
 */
export function personaItems(match: PersonaMatch): TimelineItem[] {
  const items: TimelineItem[] = [];
  const add = (id: string, link: string, moment: Moment) => {
    if (moment.at === null || Number.isNaN(Date.parse(moment.at))) return;
    items.push({
      id: `persona:${id}:${moment.type}`,
      source: "persona",
      time: new Date(Date.parse(moment.at)).toISOString(),
      type: moment.type,
      summary: moment.summary.slice(0, 300),
      ...(moment.outcome ? { outcome: moment.outcome } : {}),
      link,
    });
  };
  for (const kase of match.cases) {
    const name = kase.name ?? kase.id;
    add(kase.id, kase.dashboardUrl, { at: kase.createdAt, type: "case.created", summary: `Persona case "${name}" opened` });
    add(kase.id, kase.dashboardUrl, {
      at: kase.resolvedAt,
      type: "case.resolved",
      summary: `Persona case "${name}" resolved${kase.resolution ? `: ${kase.resolution}` : ""}`,
      outcome: kase.resolution ?? kase.status,
    });
  }
  for (const inquiry of match.inquiries) {
    add(inquiry.id, inquiry.dashboardUrl, { at: inquiry.createdAt, type: "inquiry.created", summary: `Persona inquiry ${inquiry.id} created` });
    add(inquiry.id, inquiry.dashboardUrl, { at: inquiry.completedAt, type: "inquiry.completed", summary: `Persona inquiry ${inquiry.id} completed` });
    add(inquiry.id, inquiry.dashboardUrl, {
      at: inquiry.decisionedAt,
      type: "inquiry.decisioned",
      summary: `Persona inquiry ${inquiry.id} ${inquiry.status ?? "decided"}`,
      outcome: inquiry.status,
    });
  }
  return items;
}
