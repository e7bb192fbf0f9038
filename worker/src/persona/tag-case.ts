import { isAppError } from "../../../shared/errors";
import { PersonaIdSchema } from "../../../shared/ids";
import type { LifecycleAction } from "../../../shared/okta-actions";
import { type PersonaAmbient, personaRequest } from "./client";
import type { OpenedPersona } from "./connection";
import { accountsByReference, casesOfAccount } from "./match";

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

/** A failure to tag, for the organization's log (never thrown: the action already succeeded). */
export type TagFailure = { code: string; message: string; details: Record<string, unknown> };

/**
 * When the organization turned on `tagCasesAfterActions`: tags the newest open case of the user's account (matched
 * by reference-id only; an ambiguous or missing account is left alone) with {@link ACTION_TAGS}. One
 * `Idempotency-Key` per action request, so a retried tag cannot apply twice. Never throws: a failure goes to
 * `failed` (the organization's log). Returns the tagged case ID, or null.
 */
export async function tagNewestOpenCase(input: {
  /** The organization's connection, or null when it has none. */
  open: () => Promise<OpenedPersona | null>;
  oktaUserId: string;
  action: LifecycleAction;
  idempotencyKey: string;
  ambient: PersonaAmbient;
  /** The user's cached Persona half is stale once tagged. */
  tagged: (oktaUserId: string) => void;
  failed: (failure: TagFailure) => void;
}): Promise<string | null> {
  const { oktaUserId, action, ambient } = input;
  let caseId: string | null = null;
  try {
    const opened = await input.open();
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
    input.tagged(oktaUserId);
    return open.id;
  } catch (error) {
    input.failed({
      code: isAppError(error) ? error.code : "internal_error",
      message: isAppError(error) ? error.message : "tagging the case failed",
      details: { oktaUserId, action, caseId, ...(isAppError(error) && error.details ? { personaStatus: error.details.personaStatus ?? null } : {}) },
    });
    return null;
  }
}
