/** Persona-shaped identifiers and secrets (crypto-random, never predictable across runs). */
import { randomBytes, randomInt, randomUUID } from "node:crypto";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function alnum(count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) out += ALNUM[randomInt(ALNUM.length)];
  return out;
}

/** Persona object tokens are a type prefix, `_`, and 24 alphanumerics, e.g. `case_gqe7rH38FvxtzhGBQmDBsjkB`. */
const token = (prefix: string, length = 24) => `${prefix}_${alnum(length)}`;

export const newAccountId = () => token("act");
export const newAccountTypeId = () => token("acttp");
export const newCaseId = () => token("case");
export const newCaseTemplateId = () => token("ctmpl");
export const newCaseCommentId = () => token("cscm");
export const newInquiryId = () => token("inq");
export const newInquiryTemplateId = () => token("itmpl");
export const newInquirySessionId = () => token("iqse");
export const newWorkflowRunId = () => token("wfr");
/** One-time link codes: Persona's look like `us1-asdf` (region, then a secret); the short form like `ABC123`. */
export const newOneTimeLinkCode = () => `us1-${alnum(32)}`;
export const newShortLinkCode = () => alnum(10);
/** An inquiry session token (`meta.session-token`). Persona's is a JWT; this one is opaque and only has its shape. */
export const newSessionToken = () => `eyJhbGciOiJub25lIn0.${randomBytes(24).toString("base64url")}.`;
export const newTagId = () => token("tag");
export const newEventId = () => token("evt");
/** `Request-Id`, `Persona-Environment-Id` and `Persona-Organization-Id` values have 27 characters after the prefix. */
export const newRequestId = () => token("req", 27);
export const newEnvironmentToken = () => token("env", 27);
export const newOrganizationToken = () => token("org", 27);

/** A sandbox API key as Persona issues them: `persona_sandbox_<uuid>`. */
export const newApiKey = () => `persona_sandbox_${randomUUID()}`;
/** A webhook secret: `wbhsec_<uuid>`. */
export const newWebhookSecret = () => `wbhsec_${randomUUID()}`;
/** A fake environment's path segment: lower-case hex, so it is also a valid DNS label. */
export const newEnvId = () => randomBytes(9).toString("hex");
