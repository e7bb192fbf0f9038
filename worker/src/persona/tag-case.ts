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

/** The tags verified recovery leaves on the user's case (docs/verified-recovery.md), whatever `tagCasesAfterActions` says. */
export const RECOVERY_TAGS = { verification: "okta:verified-recovery", override: "okta:recovery-override" } as const;

/**
 * Tags the newest open case of the user's account (matched by reference-id only; an ambiguous or missing account
 * is left alone): an action's {@link ACTION_TAGS} only when the organization turned on `tagCasesAfterActions`, a
 * {@link RECOVERY_TAGS} one or a named one always. One `Idempotency-Key` per action request, so a retried tag cannot apply
 * twice. Never throws: a failure goes to `failed` (the organization's log). Returns the tagged case ID, or null.
 */
export async function tagNewestOpenCase(input: {
  /** The organization's connection, or null when it has none. */
  open: () => Promise<OpenedPersona | null>;
  oktaUserId: string;
  /**
   * The action's tag, a recovery tag, or a tag by name (an Okta event's); `action` names what the tag is about in a
   * failure's details. Only an action's tag depends on `tagCasesAfterActions`.
   */
  tag: { action: LifecycleAction } | { recovery: keyof typeof RECOVERY_TAGS; action: string } | { name: string; action: string };
  idempotencyKey: string;
  ambient: PersonaAmbient;
  /** The user's cached Persona half is stale once tagged. */
  tagged: (oktaUserId: string) => void;
  failed: (failure: TagFailure) => void;
}): Promise<string | null> {
  const { oktaUserId, tag, ambient } = input;
  const { action } = tag;
  const tagName = "recovery" in tag ? RECOVERY_TAGS[tag.recovery] : "name" in tag ? tag.name : ACTION_TAGS[tag.action];
  const always = "recovery" in tag || "name" in tag;
  let caseId: string | null = null;
  try {
    const opened = await input.open();
    if (!opened || !(always || opened.record.settings.tagCasesAfterActions)) return null;
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
        body: { meta: { "tag-name": tagName } },
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
