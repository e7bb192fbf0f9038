import { isAppError } from "../../../shared/errors";
import type { LifecycleAction } from "../../../shared/okta-actions";
import type { AppEnv } from "../env";
import { orgStore } from "../storage/org-store-client";
import { type PersonaAmbient, personaRequest } from "./client";
import { openPersona } from "./connection";
import { accountsByReference, casesOfAccount } from "./match";
import { PersonaIdSchema } from "./resources";

/** The tag each lifecycle action leaves on the user's case: what happened, in the past tense. */
export const ACTION_TAGS: Record<LifecycleAction, string> = {
  activate: "okta:activated",
  deactivate: "okta:deactivated",
  reactivate: "okta:reactivated",
  reset_factors: "okta:factors-reset",
  suspend: "okta:suspended",
  unsuspend: "okta:unsuspended",
  unlock: "okta:unlocked",
};

const TAG_DEADLINE_MS = 15_000;

/**
 * When the organization turned on `tagCasesAfterActions`: tags the newest open case of the user's account (matched
 * by reference-id only; an ambiguous or missing account is left alone) with {@link ACTION_TAGS}. One
 * `Idempotency-Key` per action request, so a retried tag cannot apply twice. Never throws: a failure goes to the
 * organization's log. Returns the tagged case ID, or null.
 */
export async function tagNewestOpenCase(input: {
  env: AppEnv;
  orgId: string;
  oktaUserId: string;
  action: LifecycleAction;
  idempotencyKey: string;
  ambient: PersonaAmbient;
}): Promise<string | null> {
  const { env, orgId, oktaUserId, action, ambient } = input;
  const store = orgStore(env, orgId);
  let caseId: string | null = null;
  try {
    const opened = await openPersona(env, orgId);
    if (!opened?.record.settings.tagCasesAfterActions) return null;
    const asking = { connection: opened.connection, ambient, deadlineMs: ambient.nowMs() + TAG_DEADLINE_MS };
    const accounts = await accountsByReference(asking, oktaUserId);
    if (accounts.length !== 1) return null;
    const open = (await casesOfAccount(asking, accounts[0]!.id)).find((candidate) => candidate.open);
    if (!open || !PersonaIdSchema.safeParse(open.id).success) return null;
    caseId = open.id;
    await personaRequest(
      opened.connection,
      {
        method: "POST",
        path: `/cases/${encodeURIComponent(open.id)}/add-tag`,
        body: { meta: { "tag-name": ACTION_TAGS[action] } },
        idempotencyKey: input.idempotencyKey,
      },
      ambient,
      asking.deadlineMs,
    );
    await store.invalidatePersonaContext(oktaUserId);
    return open.id;
  } catch (error) {
    await store
      .log(
        {
          event: "persona_tag_failed",
          budget: "authenticated",
          code: isAppError(error) ? error.code : "internal_error",
          message: isAppError(error) ? error.message : "tagging the case failed",
          details: { oktaUserId, action, caseId, ...(isAppError(error) && error.details ? { personaStatus: error.details.personaStatus ?? null } : {}) },
        },
        ambient.nowMs(),
      )
      .catch(() => {});
    return null;
  }
}
