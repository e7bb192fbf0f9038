import type { AppContext } from "./context";
import { orgRecordOnce } from "./org-record-once";

/** How long an isolate remembers that an organization exists (organizations are never deleted). */
const KNOWN_FOR_MS = 5 * 60_000;
const MAX_KNOWN = 10_000;

/** Organizations this isolate has seen in KV lately: existence only, never their settings, a token or a count. */
const known = new Map<string, number>();

/**
 * Whether the organization exists, without a KV read when this isolate saw it lately. It guards the Durable Object
 * namespace: a made-up organization name in a token must not wake (and create) an object per name, so only names
 * KV confirmed get through. The organization's gate checks again that it was created.
 */
export async function orgExists(c: AppContext, orgId: string): Promise<boolean> {
  const nowMs = c.get("nowMs");
  const until = known.get(orgId);
  if (until !== undefined && until > nowMs) return true;
  if (!(await orgRecordOnce(c, orgId))) return false;
  if (known.size >= MAX_KNOWN) known.delete(known.keys().next().value!);
  known.set(orgId, nowMs + KNOWN_FOR_MS);
  return true;
}
