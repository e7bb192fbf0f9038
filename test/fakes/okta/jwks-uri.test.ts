/** Okta conformance: the client JWKS fetched from jwks_uri (per request, cached, and its errors). */
import { describe, expect, it } from "vitest";
import { addClient, CONTROL, clientKey, control, newOrg, oauthError, requestToken, setUpConformance, strangerKey } from "./support";

setUpConformance();

describe("client JWKS fetched from jwks_uri", () => {
  const publish = (name: string, jwks: unknown) => control("PUT", `/documents/${name}`, jwks);

  it("fetches the JWKS on every token request by default, so a rotated key is used at once", async () => {
    const org = await newOrg();
    const name = `jwks-${crypto.randomUUID()}`;
    await publish(name, { keys: [strangerKey.publicJwk] }); // the old key under the same kid
    const clientId = await addClient(org, { jwks: undefined, jwksUri: `${CONTROL}/documents/${name}` });
    expect(await oauthError(await requestToken(org, clientId))).toMatchObject({ error_description: "The client_assertion signature is invalid." });
    await publish(name, { keys: [clientKey.publicJwk] }); // rotated
    expect((await requestToken(org, clientId)).status).toBe(200);
    expect((await control("GET", `/orgs/${org.orgId}/clients/${clientId}`)).jwksFetches).toBe(2);
  });

  it("reuses a fetched JWKS for jwksCacheSeconds when the org is configured to cache", async () => {
    const org = await newOrg({ options: { jwksCacheSeconds: 300 } });
    const name = `jwks-${crypto.randomUUID()}`;
    await publish(name, { keys: [clientKey.publicJwk] });
    const clientId = await addClient(org, { jwks: undefined, jwksUri: `${CONTROL}/documents/${name}` });
    expect((await requestToken(org, clientId)).status).toBe(200);
    expect((await requestToken(org, clientId)).status).toBe(200);
    expect((await control("GET", `/orgs/${org.orgId}/clients/${clientId}`)).jwksFetches).toBe(1);
  });

  it("answers Okta's jwks_uri errors for an unreachable, empty, invalid or ambiguous JWKS", async () => {
    const org = await newOrg();
    const cases: [unknown, string][] = [
      [undefined, "Error retrieving the client JWKSet from jwks_uri."],
      [{ keys: [] }, "The client JWKSet from jwks_uri must contain at least one key."],
      [{ keys: [clientKey.publicJwk, strangerKey.publicJwk] }, "All keys in the client JWKSet from jwks_uri must have a unique kid."],
      [{ notKeys: true }, "The client JWKSet is invalid."],
    ];
    for (const [jwks, description] of cases) {
      const name = `jwks-${crypto.randomUUID()}`;
      if (jwks !== undefined) await publish(name, jwks);
      const clientId = await addClient(org, { jwks: undefined, jwksUri: `${CONTROL}/documents/${name}` });
      expect(await oauthError(await requestToken(org, clientId))).toEqual({ status: 401, error: "invalid_client", error_description: description });
    }
  });
});
