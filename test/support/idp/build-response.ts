/**
 * Unsigned SAML Responses shaped exactly like Okta's (prefixes `saml2p:`/`saml2:`, namespace
 * declarations repeated on each Assertion child, attributes in Okta's order, `xs:string` values),
 * copied from real Okta output. Every field has a default, so a test overrides only what it attacks.
 */
import { element, escapeText, type XmlAttributes } from "./xml-writer";

export const SAML_PROTOCOL_NS = "urn:oasis:names:tc:SAML:2.0:protocol";
export const SAML_ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
const XS_NS = "http://www.w3.org/2001/XMLSchema";
const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

export const STATUS_SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
export const NAMEID_FORMAT_EMAIL = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
const NAMEID_FORMAT_ENTITY = "urn:oasis:names:tc:SAML:2.0:nameid-format:entity";
const ATTRNAME_FORMAT_UNSPECIFIED = "urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified";
const CM_BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
const AC_PASSWORD_PROTECTED_TRANSPORT = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport";

/** The Okta issuer used when none is given (`http://`, as Okta writes it). */
export const DEFAULT_OKTA_ISSUER = "http://www.okta.com/exk1test2idp3persona4";
const DEFAULT_EMAIL = "alice.admin@example.com";
const FIVE_MINUTES_MS = 5 * 60 * 1000;

/** Options of {@link buildOktaResponseXml}. Only `destination`, `audience` and `now` are required. */
export interface OktaResponseOptions {
  /** Response `Destination`: the SP's ACS URL. */
  readonly destination: string;
  /** `Audience` in the Conditions: the SP's entity ID. */
  readonly audience: string;
  /** The IdP's clock: `IssueInstant`, and the base of every default time window. */
  readonly now: Date;
  readonly responseId?: string;
  readonly assertionId?: string;
  /** Issuer of the Response and of the Assertion. */
  readonly issuer?: string;
  /** `SubjectConfirmationData/@Recipient`; defaults to `destination`. */
  readonly recipient?: string;
  /** SP-initiated login: on the Response and on `SubjectConfirmationData`. Omitted = IdP-initiated. */
  readonly inResponseTo?: string;
  /** Overrides `SubjectConfirmationData/@InResponseTo` alone (`null` leaves it out), to make the two disagree. */
  readonly subjectConfirmationInResponseTo?: string | null;
  /** Defaults to `now` − 5 min, as Okta does. */
  readonly conditionsNotBefore?: Date;
  /** Defaults to `now` + 5 min, as Okta does. */
  readonly conditionsNotOnOrAfter?: Date;
  /** `SubjectConfirmationData/@NotOnOrAfter`; defaults to `now` + 5 min. */
  readonly subjectNotOnOrAfter?: Date;
  /** `AuthnStatement/@SessionNotOnOrAfter`; omitted by default, like Okta's default app settings. */
  readonly sessionNotOnOrAfter?: Date;
  /** When the user authenticated at Okta; defaults to `now`. */
  readonly authnInstant?: Date;
  /** Defaults to `inResponseTo` (what Okta sends), else a fresh ID. */
  readonly sessionIndex?: string;
  readonly nameId?: string;
  readonly nameIdFormat?: string;
  /** Attribute name → values; defaults to `{ email: [nameId] }`. `{}` leaves out the AttributeStatement. */
  readonly attributes?: Readonly<Record<string, readonly string[]>>;
  readonly statusCode?: string;
  /** Defaults to true. */
  readonly includeAuthnStatement?: boolean;
  readonly omitConditions?: boolean;
  readonly omitResponseIssuer?: boolean;
}

/**
 * An Okta-like ID: "id" followed by 27 random digits. It must not start with a digit, since an
 * `xs:ID` is an NCName.
 */
export function oktaId(): string {
  const digits = Array.from(crypto.getRandomValues(new Uint8Array(27)), (byte) => String(byte % 10)).join("");
  return `id${digits}`;
}

function instant(date: Date): string {
  return date.toISOString(); // Okta writes milliseconds and "Z", e.g. 2020-09-01T17:51:12.176Z
}

function issuerXml(issuer: string): string {
  return element(
    "saml2:Issuer",
    [
      ["Format", NAMEID_FORMAT_ENTITY],
      ["xmlns:saml2", SAML_ASSERTION_NS],
    ],
    escapeText(issuer),
  );
}

function attributeStatementXml(attributes: Readonly<Record<string, readonly string[]>>): string {
  const entries = Object.entries(attributes);
  if (entries.length === 0) return "";
  const attributeXml = entries.map(([name, values]) =>
    element(
      "saml2:Attribute",
      [
        ["Name", name],
        ["NameFormat", ATTRNAME_FORMAT_UNSPECIFIED],
      ],
      values
        .map((value) =>
          element(
            "saml2:AttributeValue",
            [
              ["xmlns:xs", XS_NS],
              ["xmlns:xsi", XSI_NS],
              ["xsi:type", "xs:string"],
            ],
            escapeText(value),
          ),
        )
        .join(""),
    ),
  );
  return element("saml2:AttributeStatement", [["xmlns:saml2", SAML_ASSERTION_NS]], attributeXml.join(""));
}

/** Builds an unsigned SAML Response as Okta would send it (sign it with `signOktaResponse`). */
export function buildOktaResponseXml(options: OktaResponseOptions): string {
  const { now, inResponseTo } = options;
  const issuer = options.issuer ?? DEFAULT_OKTA_ISSUER;
  const nameId = options.nameId ?? DEFAULT_EMAIL;
  const issueInstant = instant(now);
  const plusFive = instant(new Date(now.getTime() + FIVE_MINUTES_MS));
  const subjectInResponseTo = options.subjectConfirmationInResponseTo === undefined ? inResponseTo : (options.subjectConfirmationInResponseTo ?? undefined);

  const subject = element(
    "saml2:Subject",
    [["xmlns:saml2", SAML_ASSERTION_NS]],
    element("saml2:NameID", [["Format", options.nameIdFormat ?? NAMEID_FORMAT_EMAIL]], escapeText(nameId)) +
      element(
        "saml2:SubjectConfirmation",
        [["Method", CM_BEARER]],
        element("saml2:SubjectConfirmationData", [
          ["InResponseTo", subjectInResponseTo],
          ["NotOnOrAfter", options.subjectNotOnOrAfter ? instant(options.subjectNotOnOrAfter) : plusFive],
          ["Recipient", options.recipient ?? options.destination],
        ]),
      ),
  );

  const conditions = options.omitConditions
    ? ""
    : element(
        "saml2:Conditions",
        [
          ["NotBefore", instant(options.conditionsNotBefore ?? new Date(now.getTime() - FIVE_MINUTES_MS))],
          ["NotOnOrAfter", options.conditionsNotOnOrAfter ? instant(options.conditionsNotOnOrAfter) : plusFive],
          ["xmlns:saml2", SAML_ASSERTION_NS],
        ],
        element("saml2:AudienceRestriction", [], element("saml2:Audience", [], escapeText(options.audience))),
      );

  const authnStatement =
    options.includeAuthnStatement === false
      ? ""
      : element(
          "saml2:AuthnStatement",
          [
            ["AuthnInstant", instant(options.authnInstant ?? now)],
            ["SessionIndex", options.sessionIndex ?? inResponseTo ?? oktaId()],
            ["SessionNotOnOrAfter", options.sessionNotOnOrAfter && instant(options.sessionNotOnOrAfter)],
            ["xmlns:saml2", SAML_ASSERTION_NS],
          ],
          element("saml2:AuthnContext", [], element("saml2:AuthnContextClassRef", [], AC_PASSWORD_PROTECTED_TRANSPORT)),
        );

  const assertionAttributes: XmlAttributes = [
    ["ID", options.assertionId ?? oktaId()],
    ["IssueInstant", issueInstant],
    ["Version", "2.0"],
    ["xmlns:saml2", SAML_ASSERTION_NS],
    ["xmlns:xs", XS_NS],
  ];
  const assertion = element(
    "saml2:Assertion",
    assertionAttributes,
    issuerXml(issuer) + subject + conditions + authnStatement + attributeStatementXml(options.attributes ?? { email: [nameId] }),
  );

  const status = element(
    "saml2p:Status",
    [["xmlns:saml2p", SAML_PROTOCOL_NS]],
    element("saml2p:StatusCode", [["Value", options.statusCode ?? STATUS_SUCCESS]]),
  );

  const response = element(
    "saml2p:Response",
    [
      ["Destination", options.destination],
      ["ID", options.responseId ?? oktaId()],
      ["InResponseTo", inResponseTo],
      ["IssueInstant", issueInstant],
      ["Version", "2.0"],
      ["xmlns:saml2p", SAML_PROTOCOL_NS],
      ["xmlns:xs", XS_NS],
    ],
    (options.omitResponseIssuer ? "" : issuerXml(issuer)) + status + assertion,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>${response}`;
}
