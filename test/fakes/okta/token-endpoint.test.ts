/** Okta conformance: the token endpoint's private_key_jwt client credentials checks and verbatim errors. */
import { beforeAll, describe, expect, it } from "vitest";
import {
  ASSERTION_TYPE,
  addClient,
  assertion,
  b64url,
  clientKey,
  control,
  expectOktaHeaders,
  type J,
  KID,
  newOrg,
  nowS,
  oauthError,
  requestToken,
  setUpConformance,
  strangerKey,
  type TestOrg,
  tokenRequest,
} from "./support";

setUpConformance();

describe("token endpoint: private_key_jwt client credentials", () => {
  let org: TestOrg;
  let clientId: string;
  beforeAll(async () => {
    org = await newOrg();
    clientId = await addClient(org, { grantedScopes: ["okta.users.read", "okta.users.manage"] });
  });

  it("issues a one-hour opaque Bearer token for a valid assertion, with Okta's headers", async () => {
    const response = await requestToken(org, clientId, { scope: "okta.users.read okta.users.manage" });
    expect(response.status).toBe(200);
    expectOktaHeaders(response);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as J;
    expect(Object.keys(body).sort()).toEqual(["access_token", "expires_in", "scope", "token_type"]);
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: "okta.users.read okta.users.manage" });
    expect(body.access_token).toMatch(/^[\w-]{40,}$/);
  });

  const invalidClient = (description: string) => ({ status: 401, error: "invalid_client", error_description: description });

  it("refuses an assertion whose aud is not exactly the token URL invoked", async () => {
    for (const aud of [org.orgUrl, `${org.tokenUrl}/`, org.tokenUrl.replace("127.0.0.1", "localhost"), [org.tokenUrl, "https://other.example"]]) {
      const response = await requestToken(org, clientId, { assertion: await assertion(org, clientId, { claims: { aud } }) });
      expect(await oauthError(response)).toEqual(invalidClient("The audience claim for client_assertion must be the endpoint invoked for the request."));
    }
  });

  it("refuses an expired assertion, one without exp, and one expiring more than an hour ahead", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ exp: nowS() - 5, iat: nowS() - 65 }, "The client_assertion token is expired."],
      [{ exp: undefined }, "The client_assertion must contain the 'exp' claim as seconds since epoch."],
      [{ exp: nowS() + 3600 + 60 }, "The client_assertion token has an expiration too far into the future."],
      [{ iat: nowS() + 120 }, "The client_assertion token must be issued before the current time."],
    ];
    for (const [claims, description] of cases) {
      const response = await requestToken(org, clientId, { assertion: await assertion(org, clientId, { claims }) });
      expect(await oauthError(response)).toEqual(invalidClient(description));
    }
  });

  it("refuses a replayed assertion (same jti), and a fresh jti works again", async () => {
    const used = await assertion(org, clientId);
    const scope = "okta.users.read";
    expect((await requestToken(org, clientId, { scope, assertion: used })).status).toBe(200);
    expect(await oauthError(await requestToken(org, clientId, { scope, assertion: used }))).toEqual(
      invalidClient("The client_assertion token has already been used."),
    );
    expect((await requestToken(org, clientId, { scope })).status).toBe(200);
  });

  it("refuses an unknown or missing kid, a foreign key, a disallowed alg, and bad iss/sub", async () => {
    const cases: [Promise<string> | string, string][] = [
      [assertion(org, clientId, { header: { kid: "unknown-kid" } }), "The client_assertion JWT kid is invalid."],
      [assertion(org, clientId, { header: { kid: undefined } }), "The client_assertion JWT kid is invalid."],
      [assertion(org, clientId, { key: strangerKey }), "The client_assertion signature is invalid."],
      [
        `${b64url(JSON.stringify({ alg: "HS256", kid: KID }))}.${b64url(JSON.stringify({ iss: clientId, sub: clientId, aud: org.tokenUrl, exp: nowS() + 60 }))}.c2ln`,
        "The client_assertion JWT signature algorithm is invalid.",
      ],
      [
        assertion(org, clientId, { claims: { iss: "0oaUnknownClient0000", sub: "0oaUnknownClient0000" } }),
        "The issuer claim for client_assertion is not a valid client_id.",
      ],
      [assertion(org, clientId, { claims: { sub: "someone-else" } }), "The subject claim for client_assertion is not a valid client_id."],
      ["not-a-jwt", "The parsing of the client_assertion failed."],
    ];
    for (const [pending, description] of cases) {
      const response = await requestToken(org, clientId, { assertion: await pending });
      expect(await oauthError(response)).toEqual(invalidClient(description));
    }
  });

  it("refuses a key whose use is not sig", async () => {
    const encOrg = await newOrg();
    const encClient = await addClient(encOrg, { jwks: { keys: [{ ...clientKey.publicJwk, use: "enc" }] } });
    const response = await requestToken(encOrg, encClient);
    expect((await oauthError(response)).error_description).toMatch(/^The public key being used for client assertion has an invalid 'use' parameter/);
  });

  it("refuses scopes that were not granted, with Okta's verbatim invalid_scope", async () => {
    for (const scope of ["okta.authenticators.read", "okta.users.read okta.groups.manage", "openid"]) {
      expect(await oauthError(await requestToken(org, clientId, { scope }))).toEqual({
        status: 400,
        error: "invalid_scope",
        error_description: "The requested scope is invalid, unknown, malformed, or exceeds the scope granted by the resource owner.",
      });
    }
    expect(await oauthError(await requestToken(org, clientId, { scope: "" }))).toEqual({
      status: 400,
      error: "invalid_scope",
      error_description: "No scopes were requested.",
    });
  });

  it("accepts only client_credentials with a jwt-bearer client assertion", async () => {
    const good = await assertion(org, clientId);
    const base = { scope: "okta.users.read", client_assertion_type: ASSERTION_TYPE, client_assertion: good };
    expect((await oauthError(await tokenRequest(org, { ...base, grant_type: "password" }))).error).toBe("unsupported_grant_type");
    expect(
      (await oauthError(await tokenRequest(org, { ...base, grant_type: "client_credentials", client_assertion_type: "urn:other" }))).error_description,
    ).toBe("The client_assertion_type is invalid.");
    expect(await oauthError(await tokenRequest(org, { grant_type: "client_credentials", scope: "okta.users.read" }))).toEqual(
      invalidClient("No client credentials found."),
    );
    expect(
      await oauthError(await tokenRequest(org, { grant_type: "client_credentials", scope: "okta.users.read", client_id: clientId, client_secret: "s3cret" })),
    ).toEqual(invalidClient("Client Credentials requests to the Org Authorization Server must use the private_key_jwt token_endpoint_auth_method."));
  });

  it("records every token request with its form fields and decoded assertion", async () => {
    const logOrg = await newOrg();
    const logClient = await addClient(logOrg);
    await requestToken(logOrg, logClient, { scope: "okta.users.read" });
    await requestToken(logOrg, logClient, { scope: "okta.groups.read" });
    const log = (await control("GET", `/orgs/${logOrg.orgId}/token-requests`)) as J[];
    expect(log.map((entry) => [entry.status, entry.form.scope, entry.clientId])).toEqual([
      [200, "okta.users.read", logClient],
      [400, "okta.groups.read", logClient],
    ]);
    expect(log[0].form.client_assertion_type).toBe(ASSERTION_TYPE);
    expect(log[0].assertion.claims).toMatchObject({ iss: logClient, sub: logClient, aud: logOrg.tokenUrl });
    expect(log[0].assertion.header).toMatchObject({ alg: "ES256", kid: KID });
    expect(log[1].error).toBe("invalid_scope");
  });
});
