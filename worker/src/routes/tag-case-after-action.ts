import type { LifecycleAction } from "../../../shared/okta-actions";
import type { AppContext } from "../http/context";
import { personaAmbient } from "../persona/connection";
import { tagNewestOpenCase } from "../persona/tag-case";

/**
 * Runs {@link tagNewestOpenCase} after the response (`waitUntil`): the action already succeeded and must never
 * wait for, or fail because of, Persona.
 */
export function tagCaseAfterAction(c: AppContext, oktaUserId: string, action: LifecycleAction): void {
  const env = c.get("env");
  const work = tagNewestOpenCase({
    env,
    orgId: c.req.param("org")!,
    oktaUserId,
    action,
    idempotencyKey: `okta-${action}-${c.get("requestId")}`,
    ambient: personaAmbient(env),
  });
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    // No execution context (a unit test calling the app directly): the promise still runs to its end.
  }
}
