/** Okta conformance: DPoP for apps that require it (the nonce handshake, bound tokens, proof checks). */
import { calculateJwkThumbprint } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import {
  addClient,
  assertion,
  control,
  dpopCall,
  dpopKey,
  dpopProof,
  dpopToken,
  expectOktaError,
  expectOktaHeaders,
  type J,
  newOrg,
  nowS,
  oauthError,
  otherDpopKey,
  person,
  requestToken,
  seedUsers,
  setUpConformance,
  sha256url,
  type TestOrg,
} from "./support";

setUpConformance();

describe("DPoP (apps that require it)", () => {
  let org: TestOrg;
  let clientId: string;
  beforeAll(async () => {
    org = await newOrg();
    clientId = await addClient(org, { dpopRequired: true });
    await seedUsers(org, [person("dora")]);
  });

  it("requires a DPoP proof at the token endpoint", async () => {
    expect(await oauthError(await requestToken(org, clientId))).toMatchObject({
      status: 400,
      error: "invalid_dpop_proof",
      error_description: "The DPoP proof JWT header is missing.",
    });
  });

  it("answers a valid proof without nonce with use_dpop_nonce and a dpop-nonce header, then binds the token to the proof key", async () => {
    const first = await requestToken(org, clientId, { headers: { dpop: await dpopProof(dpopKey, "POST", org.tokenUrl) } });
    expect(first.headers.get("dpop-nonce")).toMatch(/^[\w-]{16,}$/);
    expect(await oauthError(first)).toEqual({ status: 400, error: "use_dpop_nonce", error_description: "Authorization server requires nonce in DPoP proof." });
    const { body, nonce } = await dpopToken(org, clientId);
    expect(body).toMatchObject({ token_type: "DPoP", expires_in: 3600 });
    const tokens = (await control("GET", `/orgs/${org.orgId}/tokens`)) as J[];
    expect(tokens.at(-1)).toMatchObject({ tokenType: "DPoP", jkt: await calculateJwkThumbprint(dpopKey.publicJwk, "sha256") });
    const log = (await control("GET", `/orgs/${org.orgId}/token-requests`)) as J[];
    expect(log.at(-2)).toMatchObject({
      status: 400,
      error: "use_dpop_nonce",
      dpopHeaderPresent: true,
      dpop: { header: { typ: "dpop+jwt" }, claims: { htm: "POST", htu: org.tokenUrl } },
    });
    expect(log.at(-1)).toMatchObject({ status: 200, tokenType: "DPoP", dpop: { claims: { nonce } } });
  });

  it("spends the client assertion on the nonce challenge, so the retry needs a fresh one", async () => {
    const spent = await assertion(org, clientId);
    const first = await requestToken(org, clientId, { assertion: spent, headers: { dpop: await dpopProof(dpopKey, "POST", org.tokenUrl) } });
    const nonce = first.headers.get("dpop-nonce")!;
    const retry = await requestToken(org, clientId, { assertion: spent, headers: { dpop: await dpopProof(dpopKey, "POST", org.tokenUrl, { nonce }) } });
    expect(await oauthError(retry)).toMatchObject({ error: "invalid_client", error_description: "The client_assertion token has already been used." });
  });

  it("checks the token-endpoint proof's typ, htm, htu, iat and signature", async () => {
    const nonce = (await requestToken(org, clientId, { headers: { dpop: await dpopProof(dpopKey, "POST", org.tokenUrl) } })).headers.get("dpop-nonce")!;
    const cases: [Promise<string>, string][] = [
      [dpopProof(dpopKey, "POST", org.tokenUrl, { nonce }, { typ: "JWT" }), "'typ' must be 'dpop+jwt' in the DPoP proof JWT."],
      [dpopProof(dpopKey, "GET", org.tokenUrl, { nonce }), "'htm' claim in the DPoP proof JWT is invalid."],
      [dpopProof(dpopKey, "POST", `${org.orgUrl}/oauth2/v1/authorize`, { nonce }), "'htu' claim in the DPoP proof JWT is invalid."],
      [dpopProof(dpopKey, "POST", org.tokenUrl, { nonce, iat: nowS() - 3600 }), "The DPoP proof JWT is issued more than five minutes in the past."],
      [dpopProof(dpopKey, "POST", org.tokenUrl, { nonce }, { jwk: otherDpopKey.publicJwk }), "The DPoP proof JWT signature is invalid."],
    ];
    for (const [proof, description] of cases) {
      expect(await oauthError(await requestToken(org, clientId, { headers: { dpop: await proof } }))).toEqual({
        status: 400,
        error: "invalid_dpop_proof",
        error_description: description,
      });
    }
  });

  it("accepts DPoP API calls with a fresh proof carrying ath, and refuses Bearer use of the token", async () => {
    const { token } = await dpopToken(org, clientId);
    const ok = await dpopCall(org, token, "GET", "/api/v1/users?limit=5");
    expect(ok.status).toBe(200);
    expectOktaHeaders(ok);
    const bearer = await dpopCall(org, token, "GET", "/api/v1/users", { scheme: "Bearer", noProof: true });
    const body = await expectOktaError(bearer, "listUsers", 400, "invalid_request");
    expect(body.errorSummary).toBe("The resource request must use the DPoP authentication scheme when using a DPoP bound token.");
    expect(bearer.headers.get("www-authenticate")).toMatch(/^DPoP /);
  });

  it("refuses API calls without a proof, with a wrong ath, a replayed proof, or a key the token is not bound to", async () => {
    const { token } = await dpopToken(org, clientId);
    const missing = await dpopCall(org, token, "GET", "/api/v1/users", { noProof: true });
    expect((await expectOktaError(missing, "listUsers", 400, "invalid_request")).errorSummary).toBe("The resource request requires a DPoP proof.");

    const wrongAth = await dpopCall(org, token, "GET", "/api/v1/users", { claims: { ath: await sha256url("another token") } });
    expect((await expectOktaError(wrongAth, "listUsers", 400, "invalid_dpop_proof")).errorSummary).toBe(
      "'ath' claim in the DPoP proof does not match the presented access_token.",
    );

    const otherKey = await dpopCall(org, token, "GET", "/api/v1/users", { key: otherDpopKey });
    expect((await expectOktaError(otherKey, "listUsers", 400, "invalid_dpop_proof")).errorSummary).toBe(
      "The access_token is not bound to the provided DPoP proof.",
    );

    const proof = await dpopProof(dpopKey, "GET", `${org.orgUrl}/api/v1/users`, { ath: await sha256url(token) });
    const once = await fetch(`${org.orgUrl}/api/v1/users`, { headers: { authorization: `DPoP ${token}`, dpop: proof } });
    expect(once.status).toBe(200);
    const twice = await fetch(`${org.orgUrl}/api/v1/users`, { headers: { authorization: `DPoP ${token}`, dpop: proof } });
    expect((await expectOktaError(twice, "listUsers", 400, "invalid_dpop_proof")).errorSummary).toBe("The DPoP proof JWT has already been used.");
    expect(twice.headers.get("www-authenticate")).toContain('error="invalid_dpop_proof"');
  });

  it("compares htu without the query, against the percent-decoded path (as Okta does)", async () => {
    const { token } = await dpopToken(org, clientId);
    const url = `${org.orgUrl}/api/v1/users/dora%40acme.test`;
    const decoded = await dpopProof(dpopKey, "GET", `${org.orgUrl}/api/v1/users/dora@acme.test`, { ath: await sha256url(token) });
    expect((await fetch(url, { headers: { authorization: `DPoP ${token}`, dpop: decoded } })).status).toBe(200);
    const encoded = await dpopProof(dpopKey, "GET", url, { ath: await sha256url(token) });
    const refused = await fetch(url, { headers: { authorization: `DPoP ${token}`, dpop: encoded } });
    expect((await expectOktaError(refused, "getUser", 400, "invalid_dpop_proof")).errorSummary).toBe("'htu' claim in the DPoP proof JWT is invalid.");
    const withQuery = await dpopProof(dpopKey, "GET", `${org.orgUrl}/api/v1/users?limit=1`, { ath: await sha256url(token) });
    expect((await fetch(`${org.orgUrl}/api/v1/users?limit=1`, { headers: { authorization: `DPoP ${token}`, dpop: withQuery } })).status).toBe(200);
  });

  it("keeps accepting the previous nonce after a rotation, and asks again for an unknown one", async () => {
    const { nonce } = await dpopToken(org, clientId);
    await control("POST", `/orgs/${org.orgId}/dpop-nonce/rotate`);
    const previous = await requestToken(org, clientId, { headers: { dpop: await dpopProof(dpopKey, "POST", org.tokenUrl, { nonce }) } });
    expect(previous.status).toBe(200);
    const unknown = await requestToken(org, clientId, { headers: { dpop: await dpopProof(dpopKey, "POST", org.tokenUrl, { nonce: "made-up" }) } });
    expect((await oauthError(unknown)).error).toBe("use_dpop_nonce");
  });
});
