/**
 * DPoP proofs (RFC 9449) as Okta checks them (docs/okta.md §2.4, descriptions verbatim from Okta's OAuth error
 * catalog): at the token endpoint (`htm` POST, `htu` the token URL, plus a server nonce) and on Management API calls
 * (`htu` without the query, `ath` = base64url(SHA-256(access token)), the proof key must be the one the token is
 * bound to).
 *
 * `htu` is compared with the request path percent-decoded: okta-sdk-python#541 reports that Okta rejects an `htu`
 * holding `%40` for a path requested as `/api/v1/users/a%40b.com`, so the fake does the same.
 */
import { createHash } from "node:crypto";
import { calculateJwkThumbprint, compactVerify, decodeProtectedHeader, importJWK, type JWK } from "jose";
import type { ReplayCache } from "./replay-cache";

export const DPOP_ALGS = ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512"] as const;
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "k", "oth"];
/** "The DPoP proof JWT is issued more than five minutes in the past." */
const MAX_AGE_S = 300;

/** A proof that fails a check; `description` is Okta's `error_description` for `invalid_dpop_proof`. */
export class DpopProofError extends Error {
  constructor(readonly description: string) {
    super(description);
  }
}

export interface DpopExpectations {
  method: string;
  /** Origin of the org as the client addresses it, e.g. `http://127.0.0.1:8789`. */
  origin: string;
  /** The raw request path (percent-encoded as received), without the query. */
  path: string;
  nowMs: number;
  clockSkewSeconds: number;
  replay: ReplayCache;
  /** On API calls: the presented access token, which `ath` must hash. */
  accessToken?: string;
}

export interface VerifiedDpopProof {
  /** JWK SHA-256 thumbprint of the proof key (what a DPoP token is bound to). */
  jkt: string;
  nonce: string | undefined;
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

const fail = (description: string): never => {
  throw new DpopProofError(description);
};

export function accessTokenHash(accessToken: string): string {
  return createHash("sha256").update(accessToken, "utf8").digest("base64url");
}

export async function verifyDpopProof(proof: string, expect: DpopExpectations): Promise<VerifiedDpopProof> {
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(proof) as Record<string, unknown>;
  } catch {
    return fail("The DPoP proof JWT cannot be parsed.");
  }
  if (header.typ !== "dpop+jwt") fail("'typ' must be 'dpop+jwt' in the DPoP proof JWT.");
  const alg = header.alg;
  if (typeof alg !== "string" || !(DPOP_ALGS as readonly string[]).includes(alg)) fail("The DPoP proof JWT signature algorithm is invalid.");
  const jwk = header.jwk;
  if (typeof jwk !== "object" || jwk === null || PRIVATE_MEMBERS.some((member) => member in jwk)) fail("The DPoP proof JWT is invalid.");

  let key: Awaited<ReturnType<typeof importJWK>>;
  try {
    key = await importJWK(jwk as JWK, alg as string);
  } catch {
    return fail("The DPoP proof JWT is invalid.");
  }
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(proof, key, { algorithms: [alg as string] }));
  } catch {
    return fail("The DPoP proof JWT signature is invalid.");
  }
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
    if (typeof claims !== "object" || claims === null || Array.isArray(claims)) throw new Error("not an object");
  } catch {
    return fail("The DPoP proof JWT cannot be parsed.");
  }

  if (claims.htm !== expect.method) fail("'htm' claim in the DPoP proof JWT is invalid.");
  if (typeof claims.htu !== "string" || !htuMatches(claims.htu, expect.origin, expect.path)) fail("'htu' claim in the DPoP proof JWT is invalid.");

  const nowS = Math.floor(expect.nowMs / 1000);
  const iat = claims.iat;
  if (typeof iat !== "number" || !Number.isFinite(iat)) fail("'iat' claim in the DPoP proof JWT is invalid.");
  if ((iat as number) > nowS + expect.clockSkewSeconds) fail("The DPoP proof JWT is issued in the future.");
  if (nowS - (iat as number) > MAX_AGE_S + expect.clockSkewSeconds) fail("The DPoP proof JWT is issued more than five minutes in the past.");
  if (claims.exp !== undefined && (typeof claims.exp !== "number" || claims.exp < nowS - expect.clockSkewSeconds)) {
    fail("The DPoP proof JWT is expired.");
  }
  if (typeof claims.jti !== "string" || claims.jti === "") fail("'jti' claim in the DPoP proof JWT is invalid.");

  if (expect.accessToken !== undefined && claims.ath !== accessTokenHash(expect.accessToken)) {
    fail("'ath' claim in the DPoP proof does not match the presented access_token.");
  }
  // Recorded last, so a proof that failed another check can be fixed and its jti reused.
  if (!expect.replay.use(`dpop:${claims.jti as string}`, ((iat as number) + MAX_AGE_S) * 1000, expect.nowMs)) {
    fail("The DPoP proof JWT has already been used.");
  }

  const jkt = await calculateJwkThumbprint(jwk as JWK, "sha256");
  return { jkt, nonce: typeof claims.nonce === "string" ? claims.nonce : undefined, header, claims };
}

/** `htu` must name this origin and the request path (percent-decoded), ignoring any query and fragment. */
function htuMatches(htu: string, origin: string, rawPath: string): boolean {
  let given: URL;
  let expected: URL;
  try {
    given = new URL(htu);
    expected = new URL(`${origin}${decodePath(rawPath)}`);
  } catch {
    return false;
  }
  return given.origin === expected.origin && given.pathname === expected.pathname;
}

function decodePath(path: string): string {
  return path
    .split("/")
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join("/");
}
