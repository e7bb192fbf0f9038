import { callOkta } from "../okta/call-okta";
import type { OktaGate } from "./okta-gate";

/** An Okta user's profile, read through the organization's gate, and the credential that read it. */
export async function readOktaProfile(
  okta: OktaGate,
  credentialId: string | undefined,
  userId: string,
): Promise<{ profile: Record<string, unknown>; credentialId: string }> {
  const connection = await okta.open(credentialId);
  const user = await callOkta(connection, "retrieve", { params: { userId } }, okta.ambient());
  const body = user.body as { profile?: unknown } | null;
  const profile = typeof body?.profile === "object" && body.profile !== null ? (body.profile as Record<string, unknown>) : {};
  return { profile, credentialId: connection.credentialId };
}
