import { verify } from "node:crypto";
import { AppError } from "../../../shared/errors";
import { quoteUntrusted } from "../../../shared/untrusted-text";
import { SIGNATURE_ALGORITHMS } from "./algorithms";
import type { PinnedKey } from "./pinned-keys";

/** A Redirect-binding message whose query signature verified; the values are URL-decoded. */
export type VerifiedRedirect = { parameter: "SAMLRequest" | "SAMLResponse"; message: string; relayState: string | undefined };

/** Longer than any real logout message's query (a few KB), short enough that splitting it is cheap. */
export const MAX_REDIRECT_QUERY_CHARS = 64 * 1024;

const request = (message: string) => new AppError("saml_request_invalid", message);

function decode(raw: string, name: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    throw request(`${name} is not URL-encoded`);
  }
}

/**
 * SAML Bindings §3.4.4.1, the receiving side (docs/saml-checks.md, "Single logout"): the signature covers the
 * octets `SAMLRequest|SAMLResponse=<v>[&RelayState=<v>]&SigAlg=<v>` exactly as they arrived, so the values are
 * taken raw from the query string and never decoded and re-encoded first (two encoders may disagree on `%2b`
 * or `+`, and re-encoding would verify a string the sender never signed). Each parameter at most once (a second
 * copy could be read by one step and signed by another); the algorithm from the allowlist; only pinned IdP keys.
 * Nothing of the message is read before this passed.
 */
export function verifyRedirectQuery(rawQuery: string, keys: readonly PinnedKey[]): VerifiedRedirect {
  if (rawQuery.length > MAX_REDIRECT_QUERY_CHARS) throw new AppError("saml_too_large", "the query string is larger than allowed");
  const raw = new Map<string, string>();
  for (const pair of rawQuery.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const name = eq < 0 ? pair : pair.slice(0, eq);
    if (!["SAMLRequest", "SAMLResponse", "RelayState", "SigAlg", "Signature"].includes(name)) continue;
    if (raw.has(name)) throw request(`${name} appears more than once`);
    raw.set(name, eq < 0 ? "" : pair.slice(eq + 1));
  }
  const parameter = raw.has("SAMLRequest") ? "SAMLRequest" : "SAMLResponse";
  if (raw.has("SAMLRequest") === raw.has("SAMLResponse")) throw request("expected exactly one of SAMLRequest and SAMLResponse");
  const sigAlg = raw.get("SigAlg");
  const signature = raw.get("Signature");
  if (sigAlg === undefined || signature === undefined || signature === "") {
    throw new AppError("saml_signature_missing", "the Redirect-binding message is not signed (no SigAlg and Signature)");
  }
  const algorithm = SIGNATURE_ALGORITHMS[decode(sigAlg, "SigAlg")];
  if (!algorithm) throw new AppError("saml_algorithm_forbidden", `signature algorithm ${quoteUntrusted(decode(sigAlg, "SigAlg"))} is not allowed`);

  const relayState = raw.get("RelayState");
  const signed = `${parameter}=${raw.get(parameter)}${relayState === undefined ? "" : `&RelayState=${relayState}`}&SigAlg=${sigAlg}`;
  const signatureBytes = Buffer.from(decode(signature, "Signature"), "base64");
  const octets = Buffer.from(signed, "utf8");
  const verified = keys.some((key) => key.keyType === algorithm.keyType && verify(algorithm.hash, octets, key.verifyKey, signatureBytes));
  if (!verified) throw new AppError("saml_signature_invalid", "the query signature does not verify with a pinned IdP certificate");
  return { parameter, message: decode(raw.get(parameter)!, parameter), relayState: relayState === undefined ? undefined : decode(relayState, "RelayState") };
}
