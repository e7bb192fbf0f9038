import { AppError } from "../../../shared/errors";
import { ExtensionTokenRequestSchema, type ExtensionTokenResponse, ExtensionTokenResponseSchema } from "../../../shared/extension";
import { s256Challenge } from "../auth/extension-login";
import { hashToken, newBearerSessionToken } from "../auth/session-token";
import { declare, jsonBody, routeGroup } from "../http/openapi";
import { orgStore } from "../storage/org-store-client";
import { loadOrg } from "./load-org";

/**
 * The extension's half of sign-in: the one-time code from the ACS redirect plus its PKCE verifier become a bearer
 * session (unauthenticated: the code and verifier are the credential). Every refusal is the same code, and the
 * code is spent by the first attempt, right or wrong.
 */
export const extensionTokenRoutes = routeGroup().openapi(
  declare({
    method: "post",
    path: "/api/extension/token",
    tags: ["Extension"],
    request: { body: jsonBody(ExtensionTokenRequestSchema) },
    responses: {
      200: {
        description: "The bearer session: `Authorization: Bearer <token>` until `expiresAt`.",
        headers: { "Cache-Control": { description: "no-store", schema: { type: "string" } } },
        content: { "application/json": { schema: ExtensionTokenResponseSchema } },
      },
    },
  }),
  async (c) => {
    const input = c.req.valid("json");
    const { settings } = await loadOrg(c, input.orgId);
    const store = orgStore(c.get("env"), settings.id);
    const nowMs = c.get("nowMs");
    const bearer = newBearerSessionToken(settings.id);
    const result = await store.redeemExtensionCode({
      codeHash: hashToken(input.code),
      verifierChallenge: s256Challenge(input.code_verifier),
      redirectUri: input.redirect_uri,
      sessionTokenHash: bearer.hash,
      nowMs,
    });
    if (!result.ok) {
      await store.log(
        { event: "extension.token_refused", budget: "unauthenticated", code: "extension_code_invalid", message: `extension code refused: ${result.reason}` },
        nowMs,
      );
      throw new AppError("extension_code_invalid", "the code is invalid, expired or already used; sign in again");
    }
    await store.log(
      { event: "extension.token", budget: "authenticated", message: `${result.user.email} signed in to the extension`, details: { userId: result.user.id } },
      nowMs,
    );
    const body: ExtensionTokenResponse = {
      token: bearer.token,
      expiresAt: new Date(result.expiresAtMs).toISOString(),
      email: result.user.email,
      role: result.user.role,
      orgId: settings.id,
    };
    c.header("cache-control", "no-store");
    return c.json(body, 200);
  },
);
