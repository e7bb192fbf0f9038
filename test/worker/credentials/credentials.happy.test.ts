import { createLocalJWKSet, jwtVerify, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { OKTA_ACTIONS, OKTA_SCOPES } from "../../../shared/okta-actions";
import { open } from "../../../worker/src/crypto/secret-box";
import { loadDpopKey, loadSigningKey } from "../../../worker/src/okta/signing-keys";
import { credentialAad } from "../../../worker/src/storage/credentials";
import { api, BASE, BOOTSTRAP, createOrg, errorCode } from "../support/api";
import {
  apiServiceBody,
  clientId,
  createCredential,
  fetchJwks,
  PRIVATE_JWK_MEMBERS,
  rawRecord,
  ssws,
  storedApiService,
  storedRecord,
  workerKeyRing,
} from "./support";

describe("creating credentials", () => {
  it("an API Service credential (orgUrl form): 201 with its JWKS URL, one active key, and the Okta setup steps", async () => {
    const org = await createOrg();
    const id = clientId();
    const created = await createCredential(org.id, apiServiceBody({ clientId: id, nickname: "  Okta prod  " }));
    expect(created.id).toMatch(/^cred_[0-9a-f]{32}$/);
    expect(created).toMatchObject({ type: "okta_api_service", nickname: "Okta prod", orgUrl: "https://acme.okta.com", clientId: id });
    expect(created.jwksUrl).toBe(`${BASE}/${org.id}/credentials/${created.id}/jwks.json`);
    expect(created.keys).toHaveLength(1);
    expect(created.keys![0]).toMatchObject({ alg: "RS256", status: "active" });

    const steps = created.oktaSetup.steps.join("\n");
    expect(steps).toContain("API Services");
    expect(steps).toContain("Public key / Private key");
    expect(steps).toContain("Use a URL to fetch keys dynamically");
    expect(steps).toContain(created.jwksUrl!);
    for (const scope of OKTA_SCOPES) expect(steps).toContain(scope);
    expect(created.oktaSetup.scopes).toEqual(OKTA_SCOPES);
    const listed = created.oktaSetup.permissions.flatMap((p) => p.actions);
    for (const [action, spec] of Object.entries(OKTA_ACTIONS)) {
      expect(listed, action).toContain(action);
      for (const permission of spec.permission.split("; ")) {
        expect(created.oktaSetup.permissions.find((p) => p.permission === permission)?.actions, permission).toContain(action);
      }
    }
  });

  it("an API Service credential (subdomain + server form, ES256) and an API token credential (both forms)", async () => {
    const org = await createOrg();
    const es = await createCredential(org.id, {
      type: "okta_api_service",
      nickname: "EC",
      subdomain: "acme",
      server: "oktapreview.com",
      clientId: clientId(),
      alg: "ES256",
    });
    expect(es.orgUrl).toBe("https://acme.oktapreview.com");
    expect(es.keys![0]!.alg).toBe("ES256");
    const jwks = await fetchJwks(org.id, es.id);
    expect(jwks.keys[0]).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig" });

    const byUrl = await createCredential(org.id, { type: "okta_api_key", nickname: "SSWS", orgUrl: "https://acme.okta.com/", token: ssws() });
    expect(byUrl).toMatchObject({ type: "okta_api_key", orgUrl: "https://acme.okta.com" });
    expect(byUrl.jwksUrl).toBeUndefined();
    expect(byUrl.keys).toBeUndefined();
    expect(byUrl.oktaSetup.steps.length).toBeGreaterThan(0);
    const byParts = await createCredential(org.id, { type: "okta_api_key", nickname: "SSWS 2", subdomain: "acme", server: "okta.com", token: ssws() });
    expect(byParts.orgUrl).toBe("https://acme.okta.com");
  });

  it("a loopback org URL over http is accepted while ALLOW_LOOPBACK_UPSTREAMS is on (tests, development)", async () => {
    const org = await createOrg();
    const created = await createCredential(org.id, apiServiceBody({ orgUrl: "http://127.0.0.1:8790" }));
    expect(created.orgUrl).toBe("http://127.0.0.1:8790");
  });
});

describe("secrets never leave the worker and never rest in plaintext", () => {
  it("list, get and create answers carry no token, no private key, no sealed value", async () => {
    const org = await createOrg();
    const token = ssws();
    const apiKey = await createCredential(org.id, { type: "okta_api_key", nickname: "SSWS", orgUrl: "https://acme.okta.com", token });
    const service = await createCredential(org.id, apiServiceBody());
    const stored = await storedApiService(org.id, service.id);
    const pkcs8 = await open(stored.keys[0]!.privateKey, credentialAad.privateKey(stored, stored.keys[0]!.kid), workerKeyRing(), stored.orgUrl);
    const dpopPkcs8 = await open(stored.dpopKey.privateKey, credentialAad.dpopKey(stored), workerKeyRing(), stored.orgUrl);

    const list = await api(`/api/orgs/${org.id}/credentials`, { headers: BOOTSTRAP });
    expect(list.status).toBe(200);
    const listText = await list.text();
    const { credentials } = JSON.parse(listText) as { credentials: Array<{ id: string }> };
    expect(credentials.map((c) => c.id).sort()).toEqual([apiKey.id, service.id].sort());
    const one = await (await api(`/api/orgs/${org.id}/credentials/${service.id}`, { headers: BOOTSTRAP })).text();
    for (const text of [listText, one, JSON.stringify(apiKey), JSON.stringify(service)]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(pkcs8);
      expect(text).not.toContain(pkcs8.slice(40, 80));
      expect(text).not.toContain(dpopPkcs8.slice(40, 80));
      expect(text).not.toContain(stored.keys[0]!.privateKey.ct.slice(0, 40));
      expect(text).not.toMatch(/"(d|p|q|dp|dq|qi|token|privateKey|ct|iv|dpopKey)"\s*:/);
    }
  });

  it("KV holds the SSWS token and private keys only sealed (AES-GCM, no plaintext, no private JWK members)", async () => {
    const org = await createOrg();
    const token = ssws();
    const apiKey = await createCredential(org.id, { type: "okta_api_key", nickname: "SSWS", orgUrl: "https://acme.okta.com", token });
    const raw = await rawRecord(org.id, apiKey.id);
    expect(raw).not.toContain(token);
    expect(raw).not.toContain(btoa(token).slice(0, 24));
    const sealed = (await storedRecord(org.id, apiKey.id)) as { token: { v: number } };
    expect(sealed.token.v).toBe(2);

    const service = await createCredential(org.id, apiServiceBody());
    const serviceRaw = await rawRecord(org.id, service.id);
    const stored = await storedApiService(org.id, service.id);
    const pkcs8 = await open(stored.keys[0]!.privateKey, credentialAad.privateKey(stored, stored.keys[0]!.kid), workerKeyRing(), stored.orgUrl);
    expect(pkcs8.length).toBeGreaterThan(1000);
    expect(serviceRaw).not.toContain(pkcs8.slice(100, 140));
    expect(serviceRaw).not.toMatch(/"(d|p|q|dp|dq|qi)"\s*:/);
    expect(serviceRaw).not.toContain("PRIVATE KEY");
  });
});

describe("the JWKS URL", () => {
  it("publishes kid/use/alg and public members only, cacheable, and verifies an assertion signed with the stored key", async () => {
    const org = await createOrg();
    const created = await createCredential(org.id, apiServiceBody());
    const response = await api(new URL(created.jwksUrl!).pathname);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    const jwks = (await response.json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toHaveLength(1);
    const [jwk] = jwks.keys;
    expect(jwk).toMatchObject({ kty: "RSA", kid: created.keys![0]!.kid, use: "sig", alg: "RS256", e: "AQAB" });
    expect(Object.keys(jwk!).sort()).toEqual(["alg", "e", "kid", "kty", "n", "use"]);
    for (const member of PRIVATE_JWK_MEMBERS) expect(jwk, member).not.toHaveProperty(member);

    const stored = await storedApiService(org.id, created.id);
    const signingKey = await loadSigningKey(stored, workerKeyRing());
    expect(signingKey).toMatchObject({ kid: jwk!.kid, alg: "RS256" });
    expect(signingKey.key.extractable).toBe(false);
    const jwt = await new SignJWT({})
      .setProtectedHeader({ alg: signingKey.alg, kid: signingKey.kid })
      .setIssuer(stored.clientId)
      .setSubject(stored.clientId)
      .setAudience("https://acme.okta.com/oauth2/v1/token")
      .setIssuedAt()
      .setExpirationTime("2m")
      .sign(signingKey.key);
    const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(jwks as never), {
      issuer: stored.clientId,
      audience: "https://acme.okta.com/oauth2/v1/token",
    });
    expect(payload.sub).toBe(stored.clientId);
    expect(protectedHeader.kid).toBe(jwk!.kid);
  });

  it("the kid is the RFC 7638 thumbprint of the published key", async () => {
    const { calculateJwkThumbprint } = await import("jose");
    const org = await createOrg();
    const created = await createCredential(org.id, apiServiceBody({ alg: "ES256" }));
    const [jwk] = (await fetchJwks(org.id, created.id)).keys;
    expect(jwk!.kid).toBe(await calculateJwkThumbprint(jwk!));
  });

  it("the DPoP key is a separate ES256 key and is never published", async () => {
    const org = await createOrg();
    const created = await createCredential(org.id, apiServiceBody());
    const stored = await storedApiService(org.id, created.id);
    const dpop = await loadDpopKey(stored, workerKeyRing());
    expect(dpop.publicJwk).toMatchObject({ kty: "EC", crv: "P-256" });
    expect(Object.keys(dpop.publicJwk).sort()).toEqual(["crv", "kty", "x", "y"]);
    expect(dpop.privateKey.extractable).toBe(false);
    const jwks = await fetchJwks(org.id, created.id);
    expect(jwks.keys.map((k) => ("x" in k ? k.x : k.n))).not.toContain(dpop.publicJwk.x);
  });

  it("unknown credential, another organization's path, an API token credential and a bad org ID all answer 404", async () => {
    const org = await createOrg();
    const other = await createOrg();
    const service = await createCredential(org.id, apiServiceBody());
    const apiKey = await createCredential(org.id, { type: "okta_api_key", nickname: "SSWS", orgUrl: "https://acme.okta.com", token: ssws() });
    for (const path of [
      `/${org.id}/credentials/cred_${"0".repeat(32)}/jwks.json`,
      `/${other.id}/credentials/${service.id}/jwks.json`,
      `/${org.id}/credentials/${apiKey.id}/jwks.json`,
      `/Not_An_Org/credentials/${service.id}/jwks.json`,
      `/${org.id}/credentials/not-an-id/jwks.json`,
    ]) {
      const response = await api(path);
      expect(response.status, path).toBe(404);
      expect(await errorCode(response)).toBe("credential_not_found");
    }
  });
});

describe("deleting a credential", () => {
  it("204, then gone from the list, the JWKS and KV; a second delete is 404 credential_not_found", async () => {
    const org = await createOrg();
    const keep = await createCredential(org.id, apiServiceBody());
    const gone = await createCredential(org.id, apiServiceBody());
    const response = await api(`/api/orgs/${org.id}/credentials/${gone.id}`, { method: "DELETE", headers: BOOTSTRAP });
    expect(response.status).toBe(204);
    const list = (await (await api(`/api/orgs/${org.id}/credentials`, { headers: BOOTSTRAP })).json()) as { credentials: Array<{ id: string }> };
    expect(list.credentials.map((c) => c.id)).toEqual([keep.id]);
    expect((await api(`/${org.id}/credentials/${gone.id}/jwks.json`)).status).toBe(404);
    const again = await api(`/api/orgs/${org.id}/credentials/${gone.id}`, { method: "DELETE", headers: BOOTSTRAP });
    expect(again.status).toBe(404);
    expect(await errorCode(again)).toBe("credential_not_found");
  });
});
