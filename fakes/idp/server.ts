/**
 * A local fake of one Okta SAML app, for `npm run dev` and browser end-to-end tests: Okta-shaped metadata,
 * SP-initiated sign-in (HTTP-Redirect or HTTP-POST AuthnRequest → sign-in page → auto-posted signed Response),
 * and an "Okta dashboard" for IdP-initiated sign-in (no InResponseTo). Responses come from the project's test IdP
 * (`test/support/idp`), signed like Okta with a key generated at start-up and never written anywhere.
 *
 * There is no password: whoever reaches the page chooses the email. That is the point of a fake, and why it
 * listens on loopback only and signs only for the SPs it was configured with; a fake that signed for any ACS and
 * audience it was handed would be a response-signing oracle against every SP that trusts its (dev) key.
 *
 * @example
 * const fake = await startFakeIdp({ port: 0, sps: [{ acsUrl, audience, name: "Acme" }] });
 * // PUT /api/orgs/acme/sso { metadataUrl: fake.metadataUrl } … then browse to /acme/login
 * await fake.close();
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createTestIdp, type TestIdp } from "../../test/support/idp";
import { AuthnRequestError, type AuthnRequestInfo, decodePostAuthnRequest, decodeRedirectAuthnRequest } from "./authn-request";
import { autoPostPage, dashboardPage, errorPage, signInPage } from "./pages";

/** Okta's app paths: `/app/{appId}/sso/saml` (SSO) and `/app/{appId}/sso/saml/metadata`. */
export const APP_ID = "persona-okta-companion";
export const SSO_PATH = `/app/${APP_ID}/sso/saml`;
export const METADATA_PATH = `${SSO_PATH}/metadata`;
/** Where the sign-in page and the dashboard tiles post to; answers with the auto-submitting response form. */
export const SIGN_IN_PATH = "/login/sign-in";
export const DEFAULT_EMAIL = "ada@acme.test";

/** A Service Provider this IdP signs responses for (one Okta app assignment). */
export interface FakeSp {
  /** Response `Destination` and `Recipient`; the only URL the response form posts to. */
  readonly acsUrl: string;
  /** Audience of the assertion: the SP's entity ID, and the Issuer its AuthnRequests carry. */
  readonly audience: string;
  /** Shown on the dashboard tile and the sign-in page. */
  readonly name?: string;
  /** Okta's "Default RelayState": sent with IdP-initiated responses. */
  readonly defaultRelayState?: string;
}

export interface FakeIdpOptions {
  /** Loopback only (127.0.0.0/8, ::1, localhost). Defaults to 127.0.0.1. */
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly sps?: readonly FakeSp[];
  /** Defaults to `http://www.okta.com/exk…` with a random external key, like Okta. */
  readonly entityId?: string;
  /** Pre-filled in the email fields. Defaults to {@link DEFAULT_EMAIL}. */
  readonly defaultEmail?: string;
  /** Receives one line per request (e.g. `console.log`); silent by default. */
  readonly log?: (line: string) => void;
}

export interface FakeIdp {
  /** Origin of the server, e.g. `http://127.0.0.1:8788` (the dashboard is at `${url}/`). */
  readonly url: string;
  readonly metadataUrl: string;
  readonly ssoUrl: string;
  /** The underlying test IdP (entity ID, signing identity), e.g. to build responses directly in a test. */
  readonly idp: TestIdp;
  /** The SPs this IdP signs for (a live view). */
  readonly sps: readonly FakeSp[];
  /** Trusts one more SP, e.g. a worker whose port was only known after this IdP started. */
  addSp(sp: FakeSp): void;
  close(): Promise<void>;
}

const MAX_FORM_BYTES = 64 * 1024;
const MAX_RELAY_STATE_CHARS = 2048;
const NCNAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,255}$/;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function checkSp(sp: FakeSp): FakeSp {
  for (const url of [sp.acsUrl, sp.audience]) {
    if (!URL.canParse(url)) throw new TypeError(`startFakeIdp: not an absolute URL: ${url}`);
  }
  if (!/^https?:$/.test(new URL(sp.acsUrl).protocol)) throw new TypeError(`startFakeIdp: the ACS URL must be http(s): ${sp.acsUrl}`);
  return { ...sp };
}

/** Starts the fake IdP; resolves once it listens (its signing key is generated first). */
export async function startFakeIdp(options: FakeIdpOptions = {}): Promise<FakeIdp> {
  const host = options.host ?? "127.0.0.1";
  if (!isLoopbackHost(host)) throw new TypeError(`startFakeIdp: host must be a loopback address, not ${host}`);
  const sps: FakeSp[] = (options.sps ?? []).map(checkSp);
  const defaultEmail = options.defaultEmail ?? DEFAULT_EMAIL;
  const log = options.log ?? (() => {});

  // The SSO URL (inside the metadata) depends on the port, which is only known once listening: requests that
  // arrive in between wait for the IdP.
  let resolveIdp!: (idp: TestIdp) => void;
  const idpReady = new Promise<TestIdp>((resolve) => (resolveIdp = resolve));
  let origin = "";

  const server = createServer((req, res) => {
    const started = Date.now();
    handle(req, res)
      .catch((error: unknown) => {
        const httpError =
          error instanceof HttpError ? error : error instanceof AuthnRequestError ? new HttpError(400, "Invalid SAML request", error.message) : undefined;
        if (!httpError) console.error("[fake-idp] internal error:", error);
        const { status, title, message } = httpError ?? new HttpError(500, "Internal error", "the fake IdP failed; see its log");
        if (!res.headersSent) send(res, status, "text/html; charset=utf-8", errorPage(title, message));
        else res.end();
      })
      .finally(() => log(`${req.method} ${(req.url ?? "").split("?")[0]} ${res.statusCode} ${Date.now() - started}ms`));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const idp = await idpReady;
    const url = new URL(req.url ?? "/", origin);
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case "GET /":
        return send(res, 200, "text/html; charset=utf-8", dashboardPage({ action: SIGN_IN_PATH, defaultEmail, tiles: sps.map(tileOf) }));
      case `GET ${METADATA_PATH}`:
        return send(res, 200, "application/xml; charset=utf-8", idp.metadataXml());
      case `GET ${SSO_PATH}`: {
        // HTTP-Redirect binding.
        const samlRequests = url.searchParams.getAll("SAMLRequest");
        if (samlRequests.length !== 1) throw new HttpError(400, "Invalid SAML request", "expected exactly one SAMLRequest parameter");
        return showSignIn(res, decodeRedirectAuthnRequest(samlRequests[0]!), singleOptional(url.searchParams, "RelayState"));
      }
      case `POST ${SSO_PATH}`: {
        // HTTP-POST binding.
        const form = await readForm(req);
        const samlRequests = form.getAll("SAMLRequest");
        if (samlRequests.length !== 1) throw new HttpError(400, "Invalid SAML request", "expected exactly one SAMLRequest field");
        return showSignIn(res, decodePostAuthnRequest(samlRequests[0]!), singleOptional(form, "RelayState"));
      }
      case `POST ${SIGN_IN_PATH}`:
        return issueResponse(res, idp, await readForm(req));
      default:
        if ([`/`, METADATA_PATH, SSO_PATH, SIGN_IN_PATH].includes(url.pathname)) {
          throw new HttpError(405, "Method not allowed", `${req.method} is not allowed here`);
        }
        throw new HttpError(404, "Not found", "no such page on this fake IdP");
    }
  }

  function tileOf(sp: FakeSp) {
    return { name: sp.name ?? sp.audience, acsUrl: sp.acsUrl, audience: sp.audience, relayState: sp.defaultRelayState };
  }

  /** An SP-initiated login: the AuthnRequest must come from a configured SP and ask for its own ACS. */
  function showSignIn(res: ServerResponse, request: AuthnRequestInfo, relayState: string | undefined): void {
    const sp = sps.find((candidate) => candidate.audience === request.issuer && (request.acsUrl === undefined || candidate.acsUrl === request.acsUrl));
    if (!sp) {
      throw new HttpError(
        403,
        "Unknown application",
        `no application is configured for Issuer ${request.issuer}${request.acsUrl ? ` and ACS ${request.acsUrl}` : ""}`,
      );
    }
    checkRelayState(relayState);
    send(
      res,
      200,
      "text/html; charset=utf-8",
      signInPage({
        action: SIGN_IN_PATH,
        spName: sp.name ?? sp.audience,
        defaultEmail,
        hidden: { acs: sp.acsUrl, audience: sp.audience, inResponseTo: request.id, RelayState: relayState },
      }),
    );
  }

  /**
   * The POST of the sign-in page or of a dashboard tile. Its hidden fields are only hints from the browser:
   * the (ACS, audience) pair must be a configured SP, or nothing is signed.
   */
  async function issueResponse(res: ServerResponse, idp: TestIdp, form: URLSearchParams): Promise<void> {
    const acsUrl = single(form, "acs");
    const audience = single(form, "audience");
    const sp = sps.find((candidate) => candidate.acsUrl === acsUrl && candidate.audience === audience);
    if (!sp) throw new HttpError(403, "Unknown application", "this IdP only signs responses for the SPs it was configured with");
    const email = single(form, "email").trim();
    if (email === "" || email.length > 256) throw new HttpError(400, "Invalid email", "enter an email address (at most 256 characters)");
    const groups = (singleOptional(form, "groups") ?? "")
      .split(",")
      .map((group) => group.trim())
      .filter((group) => group !== "");
    const inResponseTo = singleOptional(form, "inResponseTo") || undefined;
    if (inResponseTo !== undefined && !NCNAME.test(inResponseTo)) throw new HttpError(400, "Invalid request", "inResponseTo is not a valid ID");
    const relayState = singleOptional(form, "RelayState") || undefined;
    checkRelayState(relayState);

    const xml = await idp.signedResponseXml({
      destination: sp.acsUrl,
      audience: sp.audience,
      inResponseTo,
      now: new Date(),
      nameId: email,
      // Okta leaves out a group attribute statement that matches no group.
      attributes: groups.length > 0 ? { email: [email], groups } : { email: [email] },
    });
    const nonce = randomBytes(16).toString("base64");
    send(
      res,
      200,
      "text/html; charset=utf-8",
      autoPostPage({ acsUrl: sp.acsUrl, samlResponse: Buffer.from(xml, "utf8").toString("base64"), relayState, nonce }),
      {
        "content-security-policy": `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; form-action ${new URL(sp.acsUrl).origin}; base-uri 'none'; frame-ancestors 'none'`,
      },
    );
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  origin = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  let idp: TestIdp;
  try {
    idp = await createTestIdp({ entityId: options.entityId, ssoUrl: `${origin}${SSO_PATH}` });
  } catch (error) {
    server.close();
    throw error;
  }
  resolveIdp(idp);

  return {
    url: origin,
    metadataUrl: `${origin}${METADATA_PATH}`,
    ssoUrl: `${origin}${SSO_PATH}`,
    idp,
    sps,
    addSp: (sp) => void sps.push(checkSp(sp)),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function checkRelayState(relayState: string | undefined): void {
  if (relayState !== undefined && relayState.length > MAX_RELAY_STATE_CHARS) {
    throw new HttpError(400, "Invalid request", `RelayState is longer than ${MAX_RELAY_STATE_CHARS} characters`);
  }
}

function single(params: URLSearchParams, name: string): string {
  const values = params.getAll(name);
  if (values.length !== 1) throw new HttpError(400, "Invalid request", `expected exactly one ${name} field`);
  return values[0]!;
}

function singleOptional(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) throw new HttpError(400, "Invalid request", `expected at most one ${name} field`);
  return values[0];
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers["content-type"] ?? "")) {
    throw new HttpError(415, "Unsupported form", "expected an HTML form post (application/x-www-form-urlencoded)");
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > MAX_FORM_BYTES) throw new HttpError(413, "Form too large", `the form is larger than ${MAX_FORM_BYTES} bytes`);
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    "content-type": contentType,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    ...headers,
  });
  res.end(body);
}
