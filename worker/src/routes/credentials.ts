import { Hono } from "hono";
import { z } from "zod";
import { type ApiServiceCredential, CreateCredentialSchema, type StoredCredential } from "../../../shared/credentials";
import { AppError } from "../../../shared/errors";
import { requireBootstrap, requireOrgRole } from "../auth/require-role";
import { type KeyRing, requireKeyRing, seal } from "../crypto/secret-box";
import { unwrap } from "../gate/answer";
import { gateOf } from "../gate/client";
import { auditChange } from "../http/audit-change";
import { type AppContext, baseUrl, type HonoEnv } from "../http/context";
import { parseParam, readJson } from "../http/read-json";
import { resolveAdminConsoleHost, resolveOrgUrl } from "../okta/org-url";
import { oktaSetup } from "../okta/setup-guide";
import { forgetCachedKeys, generateDpopKey, generateSigningKey } from "../okta/signing-keys";
import {
  credentialAad,
  deleteCredential,
  getCredential,
  jwksUrl,
  listCredentials,
  MAX_CREDENTIALS_PER_ORG,
  newCredentialId,
  putCredential,
  resealAllCredentials,
  resealCredential,
  toCredentialView,
} from "../storage/credentials";
import { resealAllPersona } from "../storage/persona";
import { resealAllWebhookSecrets } from "../storage/persona-automation";
import { credentialSummary } from "./change-summaries";
import { loadOrg } from "./load-org";

/**
 * How long a key must be published before it may sign, and stay published after it stopped: the JWKS max-age
 * (routes/jwks.ts). Okta does not document how long it caches a client's JWKS (docs/okta.md §2.3), so a key that starts
 * signing the moment it is added could meet a cached JWKS without it, and a key removed the moment it stopped
 * signing could fail an assertion it signed a moment earlier (assertions live 2 min; KV takes up to 1 min to
 * reach every location). `?force=true` skips the wait, for an admin who knows better (e.g. a compromised key).
 */
export const KEY_GRACE_MS = 300_000;

/** Active + next + retired: enough for a rotation and a rollback, few enough for Okta's JWKS and ours. */
export const MAX_KEYS_PER_CREDENTIAL = 5;

const ForceQuerySchema = z.object({ force: z.enum(["true", "false"]).optional() });

/**
 * Okta credentials of an organization (admin only): create, list, delete, and rotate the client-authentication
 * key of an API Service credential without a failed token request in between: add a `next` key (published at
 * once), activate it after the grace period (the old one becomes `retired`, still published), delete the retired
 * key after the grace period. No answer ever carries a secret or a private key, not even to admins.
 */
export const credentialRoutes = new Hono<HonoEnv>()
  .get("/api/orgs/:org/credentials", async (c) => {
    requireOrgRole(c, c.req.param("org"), "admin");
    const { settings } = await loadOrg(c, c.req.param("org"));
    const base = baseUrl(c);
    const credentials = await listCredentials(c.get("env").CONFIG, settings.id);
    return c.json({ credentials: credentials.map((credential) => toCredentialView(credential, base)) });
  })
  .post("/api/orgs/:org/credentials", async (c) => {
    requireOrgRole(c, c.req.param("org"), "admin");
    const { settings } = await loadOrg(c, c.req.param("org"));
    const input = await readJson(c, CreateCredentialSchema);
    const env = c.get("env");
    const orgUrl = resolveOrgUrl(input, env.ALLOW_LOOPBACK_UPSTREAMS);
    const adminConsoleHost = resolveAdminConsoleHost(orgUrl, input.adminConsoleHost);
    const keys = requireKeyRing(env.ENCRYPTION_KEYS);
    if ((await listCredentials(env.CONFIG, settings.id)).length >= MAX_CREDENTIALS_PER_ORG) {
      throw new AppError("credential_limit_reached", `an organization holds at most ${MAX_CREDENTIALS_PER_ORG} credentials`);
    }
    const nowMs = c.get("nowMs");
    const ref = { orgId: settings.id, id: newCredentialId(), orgUrl };
    const common = { ...ref, nickname: input.nickname, adminConsoleHost, createdAt: new Date(nowMs).toISOString() };
    const credential: StoredCredential =
      input.type === "okta_api_key"
        ? { ...common, type: "okta_api_key", token: await seal(input.token, credentialAad.token(ref), keys, orgUrl) }
        : {
            ...common,
            type: "okta_api_service",
            clientId: input.clientId,
            keys: [await generateSigningKey({ alg: input.alg, credential: ref, keys, status: "active", nowMs })],
            dpopKey: await generateDpopKey(ref, keys),
          };
    await putCredential(env.CONFIG, credential);
    await credentialChanged(c, credential.orgId, credential.id, credential);
    const base = baseUrl(c);
    await auditChange(c, {
      orgId: settings.id,
      action: "credential_create",
      before: null,
      after: credentialSummary(toCredentialView(credential, base)),
      status: 201,
      credentialId: credential.id,
    });
    const setup =
      credential.type === "okta_api_key"
        ? oktaSetup({ type: "okta_api_key" })
        : oktaSetup({ type: "okta_api_service", clientId: credential.clientId, jwksUrl: jwksUrl(base, credential) });
    return c.json({ ...toCredentialView(credential, base), oktaSetup: setup }, 201);
  })
  .get("/api/orgs/:org/credentials/:id", async (c) => {
    const credential = await loadCredential(c);
    return c.json(toCredentialView(credential, baseUrl(c)));
  })
  .delete("/api/orgs/:org/credentials/:id", async (c) => {
    const credential = await loadCredential(c);
    await deleteCredential(c.get("env").CONFIG, credential);
    // The gate stops using it at once, whatever KV still says elsewhere (it keeps a durable tombstone).
    await credentialChanged(c, credential.orgId, credential.id, null);
    const before = credentialSummary(toCredentialView(credential, baseUrl(c)));
    await auditChange(c, { orgId: credential.orgId, action: "credential_delete", before, after: null, status: 204, credentialId: credential.id });
    forgetCachedKeys(credential);
    return c.body(null, 204);
  })
  /** Starts a rotation: a new `next` key (same algorithm as the active one), published in the JWKS at once. */
  .post("/api/orgs/:org/credentials/:id/keys", async (c) => {
    const credential = apiService(await loadCredential(c));
    const keys = requireKeyRing(c.get("env").ENCRYPTION_KEYS);
    if (credential.keys.some((key) => key.status === "next")) {
      throw new AppError("key_rotation_in_progress", "this credential already has a next key: activate it first");
    }
    if (credential.keys.length >= MAX_KEYS_PER_CREDENTIAL) {
      throw new AppError("key_limit_reached", `a credential holds at most ${MAX_KEYS_PER_CREDENTIAL} keys: delete a retired key first`);
    }
    const active = credential.keys.find((key) => key.status === "active");
    const added = await generateSigningKey({ alg: active?.alg ?? "RS256", credential, keys, status: "next", nowMs: c.get("nowMs") });
    const updated = await save(c, { ...credential, keys: [...credential.keys, added] }, keys);
    await auditKeys(c, "credential_key_add", credential, updated, 201);
    return c.json({ ...toCredentialView(updated, baseUrl(c)), kid: added.kid }, 201);
  })
  /**
   * Switches signing to `kid` (a `next` key, or a `retired` one to roll back); the key that was active becomes
   * `retired` and stays published.
   */
  .post("/api/orgs/:org/credentials/:id/keys/:kid/activate", async (c) => {
    const credential = apiService(await loadCredential(c));
    const keys = requireKeyRing(c.get("env").ENCRYPTION_KEYS);
    const force = parseParam(ForceQuerySchema, c.req.query()).force === "true";
    const target = findKey(credential, c.req.param("kid"));
    if (target.status === "active") return c.json(toCredentialView(credential, baseUrl(c)));
    const nowMs = c.get("nowMs");
    const publishedForMs = nowMs - Date.parse(target.createdAt);
    if (!force && publishedForMs < KEY_GRACE_MS) {
      throw new AppError("key_not_yet_published", "Okta may still hold a cached JWKS without this key: activate it later, or with ?force=true", {
        retryAfterSeconds: Math.ceil((KEY_GRACE_MS - publishedForMs) / 1000),
      });
    }
    const retiredAt = new Date(nowMs).toISOString();
    const rotated = credential.keys.map((key) => {
      if (key.kid === target.kid) {
        const { retiredAt: _wasRetiredAt, ...rest } = key;
        return { ...rest, status: "active" as const };
      }
      if (key.status === "active") return { ...key, status: "retired" as const, retiredAt };
      return key;
    });
    const updated = await save(c, { ...credential, keys: rotated }, keys);
    await auditKeys(c, force ? "credential_key_activate_forced" : "credential_key_activate", credential, updated, 200);
    return c.json(toCredentialView(updated, baseUrl(c)));
  })
  /** Removes a retired key from the JWKS, after the grace period; the active and next keys cannot be deleted. */
  .delete("/api/orgs/:org/credentials/:id/keys/:kid", async (c) => {
    const credential = apiService(await loadCredential(c));
    const keys = requireKeyRing(c.get("env").ENCRYPTION_KEYS);
    const force = parseParam(ForceQuerySchema, c.req.query()).force === "true";
    const target = findKey(credential, c.req.param("kid"));
    if (target.status !== "retired")
      throw new AppError("key_in_use", `the ${target.status} key cannot be deleted: only a retired key can`, { status: target.status });
    const retiredForMs = c.get("nowMs") - Date.parse(target.retiredAt ?? target.createdAt);
    if (!force && retiredForMs < KEY_GRACE_MS) {
      throw new AppError("key_still_in_grace", "an assertion signed with this key may still be in flight: delete it later, or with ?force=true", {
        retryAfterSeconds: Math.ceil((KEY_GRACE_MS - retiredForMs) / 1000),
      });
    }
    const updated = await save(c, { ...credential, keys: credential.keys.filter((key) => key.kid !== target.kid) }, keys);
    forgetCachedKeys(credential, target.kid);
    await auditKeys(c, force ? "credential_key_delete_forced" : "credential_key_delete", credential, updated, 204);
    return c.body(null, 204);
  })
  /**
   * Step 2 of an ENCRYPTION_KEYS rotation (crypto/secret-box.ts): re-seals every stored credential (and Persona
   * API key and webhook secret) of every organization under the newest key. Platform operators only (they hold the key).
   */
  .post("/api/credentials/reseal", async (c) => {
    requireBootstrap(c);
    const keys = requireKeyRing(c.get("env").ENCRYPTION_KEYS);
    const kv = c.get("env").CONFIG;
    // Each organization's gate gets its re-sealed records at once (it would otherwise keep the old seal until it restarts).
    const resealed = (credential: StoredCredential) => credentialChanged(c, credential.orgId, credential.id, credential);
    const results = [await resealAllCredentials(kv, keys, resealed), await resealAllPersona(kv, keys), await resealAllWebhookSecrets(kv, keys)];
    return c.json({
      sealVersion: keys.sealVersion,
      resealed: results.reduce((sum, result) => sum + result.resealed, 0),
      unchanged: results.reduce((sum, result) => sum + result.unchanged, 0),
    });
  });

/** The credential named by the path, after the role check (admin) and the organization; 404 when absent. */
async function loadCredential(c: AppContext): Promise<StoredCredential> {
  requireOrgRole(c, c.req.param("org")!, "admin");
  const { settings } = await loadOrg(c, c.req.param("org")!);
  // The record key includes the organization: another organization's credential ID is simply absent here.
  const credential = await getCredential(c.get("env").CONFIG, settings.id, c.req.param("id")!);
  if (!credential) throw new AppError("credential_not_found", "no such credential");
  return credential;
}

function apiService(credential: StoredCredential): ApiServiceCredential {
  if (credential.type !== "okta_api_service") throw new AppError("invalid_request", "only API Service credentials have signing keys");
  return credential;
}

function findKey(credential: ApiServiceCredential, kid: string | undefined) {
  const key = credential.keys.find((candidate) => candidate.kid === kid);
  if (!key) throw new AppError("key_not_found", "no such key in this credential");
  return key;
}

/** The audit of a key change: the key list before and after, with the credential named. */
async function auditKeys(c: AppContext, action: string, before: StoredCredential, after: StoredCredential, status: number): Promise<void> {
  const base = baseUrl(c);
  const summaries = { before: credentialSummary(toCredentialView(before, base)), after: credentialSummary(toCredentialView(after, base)) };
  await auditChange(c, { orgId: before.orgId, action, ...summaries, status, credentialId: before.id, keep: ["nickname"] });
}

/** Writes a changed credential, re-sealing on the way whatever an older ENCRYPTION_KEYS version sealed. */
async function save(c: AppContext, credential: ApiServiceCredential, keys: KeyRing): Promise<StoredCredential> {
  const { credential: resealed } = await resealCredential(credential, keys);
  await putCredential(c.get("env").CONFIG, resealed);
  await credentialChanged(c, resealed.orgId, resealed.id, resealed);
  return resealed;
}

/** Hands the organization's gate the record just written (null: deleted), so it never acts on an older one. */
async function credentialChanged(c: AppContext, orgId: string, id: string, record: StoredCredential | null): Promise<void> {
  unwrap(await gateOf(c.get("env"), orgId).credentialChanged(orgId, id, record, c.get("nowMs")));
}
