import { type Role, roleAtLeast } from "../../shared/roles";

/**
 * The setup console's sections, in the order an admin works, each with the least role that may open it. The worker
 * enforces the same roles; this only spares people sections that would answer `forbidden`. Setup is for everyone:
 * it holds the worker settings and sign-in, which come before any role.
 */
export const CONSOLE_SECTIONS = [
  { id: "setup", label: "Setup", role: null },
  { id: "okta", label: "Okta", role: "admin" },
  { id: "persona", label: "Persona", role: "admin" },
  { id: "verification", label: "Verification", role: "admin" },
  { id: "rules", label: "Rules", role: "admin" },
  { id: "provisioning", label: "Provisioning", role: "admin" },
  { id: "users", label: "Users", role: "admin" },
  { id: "roles", label: "Roles", role: "admin" },
  { id: "api-keys", label: "API keys", role: "admin" },
  { id: "audit", label: "Audit", role: "operator" },
] as const satisfies readonly { id: string; label: string; role: Role | null }[];

export type ConsoleSection = (typeof CONSOLE_SECTIONS)[number];
export type SectionId = ConsoleSection["id"];

/** The sections a signed-in role may open (signed out: Setup only). */
export function sectionsFor(role: Role | null): ConsoleSection[] {
  return CONSOLE_SECTIONS.filter((section) => section.role === null || (role !== null && roleAtLeast(role, section.role)));
}

/**
 * The section a location's hash names (`#okta`), when it is one `allowed` holds; otherwise Setup, so a link to a
 * section someone may not open lands where they can act rather than on a blank page.
 */
export function sectionFromHash(hash: string, allowed: readonly ConsoleSection[]): SectionId {
  const wanted = decodeURIComponent(hash.replace(/^#/, ""));
  return allowed.find((section) => section.id === wanted)?.id ?? "setup";
}

/** The href of a section's link: hash-based, so any section can be linked and the browser's Back returns. */
export function sectionHref(id: SectionId): string {
  return `#${id}`;
}
