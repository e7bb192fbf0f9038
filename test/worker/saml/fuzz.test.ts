/**
 * Mutation fuzzing of a valid, Okta-shaped signed response: characters flipped, inserted and deleted; elements
 * dropped, duplicated and moved; attributes dropped, added and changed; base64 damaged. Properties:
 * 1. the pipeline never fails with anything but an AppError with a 4xx status (the ACS never answers 5xx);
 * 2. a mutated response is accepted only if what it proves is unchanged: the whole validated result (email,
 *    Assertion ID, InResponseTo, time bounds, attributes) equals the original's.
 * The PRNG is seeded: a failure names the case seed and the mutations, and the same seed replays the same choices.
 */
import { DOMParser, type Element, type Node, XMLSerializer } from "@xmldom/xmldom";
import { beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "../../../shared/errors";
import { type SamlExpectations, type ValidatedAssertion, validateSamlResponse } from "../../../worker/src/saml/index";
import { type TestIdp, utf8ToBase64 } from "../../support/idp";
import { api, errorCode, orgWithSso, postAcs, sessionCookie, testIdp, validFor } from "../support/api";

/** Change to replay another run; each case derives its own seed from it (printed on failure). */
const BASE_SEED = 0x5a4d1f;
const DIRECT_CASES = 400;
const END_TO_END_CASES = 30;

const NOW_MS = Date.parse("2026-03-02T10:00:00.000Z");
const ACS = "https://companion.test/fuzz-org/acs";
const AUDIENCE = "https://companion.test/fuzz-org/metadata";
const REQUEST_ID = "_8c4e2f1a-5b7d-4e3a-9c1f-0123456789ab";

/** mulberry32: tiny, fast, good enough to spread mutations; deterministic per seed. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number): number => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof prng>;

const CHARS = `abcXYZ019 <>/="'&;:#!?-_.\t\n\r\u0000\u00e9\u200b\ufeff`;
const SNIPPETS = [
  "<!---->",
  "<x/>",
  "&amp;",
  "&lt;",
  "&#0;",
  "&#x41;",
  "&undefined;",
  "]]>",
  "<![CDATA[a]]>",
  "<?pi x?>",
  '<!DOCTYPE r [<!ENTITY e "x">]>',
  ' xmlns:saml2="urn:evil"',
  ' ID="dup"',
  '<saml2:Assertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion"/>',
  "todd@example.com",
  "\u0000",
];
const VALUES = [
  "",
  " ",
  "x",
  "#",
  "urn:oasis:names:tc:SAML:2.0:status:Success",
  "http://www.okta.com/exkattacker",
  "eve@example.com",
  "2999-01-01T00:00:00Z",
  "1970-01-01T00:00:00Z",
  "not-a-time",
  "\u0000",
];

function describeChar(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** One textual mutation; returns the new XML and what was done. */
function mutateText(xml: string, rng: Rng): [string, string] {
  const at = rng.int(xml.length + 1);
  switch (rng.int(4)) {
    case 0: {
      const ch = rng.pick([...CHARS]);
      return [xml.slice(0, at) + ch + xml.slice(at + 1), `flip@${at} ${describeChar(xml.charAt(at))}→${describeChar(ch)}`];
    }
    case 1: {
      const ch = rng.pick([...CHARS]);
      return [xml.slice(0, at) + ch + xml.slice(at), `insert@${at} ${describeChar(ch)}`];
    }
    case 2: {
      const length = 1 + rng.int(rng.next() < 0.7 ? 2 : 40);
      return [xml.slice(0, at) + xml.slice(at + length), `delete@${at}+${length} ${describeChar(xml.slice(at, at + length))}`];
    }
    default: {
      const snippet = rng.pick(SNIPPETS);
      return [xml.slice(0, at) + snippet + xml.slice(at), `insert@${at} ${describeChar(snippet)}`];
    }
  }
}

function elementsOf(doc: { documentElement: Element | null }): Element[] {
  const out: Element[] = [];
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === child.ELEMENT_NODE) {
        out.push(child as Element);
        walk(child);
      }
    }
  };
  if (doc.documentElement) {
    out.push(doc.documentElement);
    walk(doc.documentElement);
  }
  return out;
}

function contains(ancestor: Node, node: Node | null): boolean {
  for (let current = node; current; current = current.parentNode) if (current === ancestor) return true;
  return false;
}

/** One structural mutation through a DOM; returns the new XML and what was done. */
function mutateTree(xml: string, rng: Rng): [string, string] {
  let doc: ReturnType<DOMParser["parseFromString"]>;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        throw new Error(`${level}: ${message}`);
      },
    }).parseFromString(xml, "text/xml");
  } catch {
    return mutateText(xml, rng); // an earlier step already broke the XML: keep mutating it as text
  }
  const elements = elementsOf(doc);
  const target = rng.pick(elements);
  const name = target.tagName;
  let what: string;
  switch (rng.int(7)) {
    case 0: {
      if (!target.parentNode || target === doc.documentElement) return mutateText(xml, rng);
      target.parentNode.removeChild(target);
      what = `drop <${name}>`;
      break;
    }
    case 1: {
      if (!target.parentNode || target === doc.documentElement) return mutateText(xml, rng);
      const clone = target.cloneNode(true);
      target.parentNode.insertBefore(clone, rng.next() < 0.5 ? target : target.nextSibling);
      what = `duplicate <${name}>`;
      break;
    }
    case 2: {
      const destinations = elements.filter((element) => !contains(target, element));
      if (destinations.length === 0 || target === doc.documentElement) return mutateText(xml, rng);
      const destination = rng.pick(destinations);
      target.parentNode?.removeChild(target);
      const children = Array.from(destination.childNodes);
      destination.insertBefore(target, rng.pick([...children, null]));
      what = `move <${name}> into <${destination.tagName}>`;
      break;
    }
    case 3: {
      const attributes = Array.from(target.attributes);
      if (attributes.length === 0) return mutateText(xml, rng);
      const attribute = rng.pick(attributes);
      target.removeAttribute(attribute.name);
      what = `drop @${attribute.name} of <${name}>`;
      break;
    }
    case 4: {
      const attributes = Array.from(target.attributes);
      if (attributes.length === 0) return mutateText(xml, rng);
      const attribute = rng.pick(attributes);
      const others = elements.flatMap((element) => Array.from(element.attributes).map((a) => a.value));
      const value = rng.next() < 0.5 ? rng.pick(VALUES) : rng.pick(others);
      target.setAttribute(attribute.name, value);
      what = `set @${attribute.name} of <${name}> = ${describeChar(value)}`;
      break;
    }
    case 5: {
      const attribute = rng.pick(["ID", "Destination", "InResponseTo", "NotOnOrAfter", "Recipient", "Method", "URI", "Format"]);
      const value = rng.pick(VALUES);
      target.setAttribute(attribute, value);
      what = `add @${attribute} to <${name}> = ${describeChar(value)}`;
      break;
    }
    default: {
      const texts: Node[] = [];
      const walk = (node: Node) => {
        for (let child = node.firstChild; child; child = child.nextSibling) {
          if (child.nodeType === child.TEXT_NODE) texts.push(child);
          else walk(child);
        }
      };
      walk(target);
      if (texts.length === 0) return mutateText(xml, rng);
      const text = rng.pick(texts);
      const value = rng.pick(VALUES);
      text.nodeValue = value;
      (text as unknown as { data: string }).data = value;
      what = `set text in <${name}> = ${describeChar(value)}`;
    }
  }
  return [new XMLSerializer().serializeToString(doc), what];
}

/** The SAMLResponse form value for one case: one to three mutations, mostly of the XML, sometimes of the base64. */
function mutate(xml: string, seed: number): { samlResponse: string; steps: string[] } {
  const rng = prng(seed);
  const steps: string[] = [];
  let current = xml;
  const count = 1 + rng.int(3);
  for (let i = 0; i < count; i++) {
    const [next, what] = rng.next() < 0.5 ? mutateText(current, rng) : mutateTree(current, rng);
    current = next;
    steps.push(what);
  }
  let samlResponse = utf8ToBase64(current);
  if (rng.next() < 0.05) {
    const at = rng.int(samlResponse.length);
    const ch = rng.pick([..."A/+=-_ \n%"]);
    samlResponse = samlResponse.slice(0, at) + ch + samlResponse.slice(at + 1);
    steps.push(`base64 flip@${at} → ${describeChar(ch)}`);
  }
  return { samlResponse, steps };
}

/** {@link mutate}, naming the seed if the mutator itself breaks. */
function mutateOrExplain(xml: string, seed: number): ReturnType<typeof mutate> {
  try {
    return mutate(xml, seed);
  } catch (error) {
    throw new Error(`fuzz mutator failed for seed=${seed} (BASE_SEED=${BASE_SEED}): ${String(error)}`);
  }
}

type Verdict = { accepted: ValidatedAssertion } | { refused: string; status: number };

function judge(samlResponse: string, expectations: SamlExpectations): Verdict {
  try {
    return { accepted: validateSamlResponse(samlResponse, expectations) };
  } catch (error) {
    if (isAppError(error)) return { refused: error.code, status: error.status };
    throw error;
  }
}

describe("fuzz: mutated signed responses", () => {
  let idp: TestIdp;
  let originalXml: string;
  let expectations: SamlExpectations;
  let original: ValidatedAssertion;

  beforeAll(async () => {
    idp = await testIdp();
    originalXml = await idp.signedResponseXml({
      destination: ACS,
      audience: AUDIENCE,
      now: new Date(NOW_MS),
      inResponseTo: REQUEST_ID,
      responseId: "id100000000000000000000000001",
      assertionId: "id200000000000000000000000002",
      nameId: "ada@example.com",
      attributes: { email: ["ada@example.com"], groups: ["helpdesk", "everyone"] },
      sessionNotOnOrAfter: new Date(NOW_MS + 3_600_000),
    });
    expectations = {
      nowMs: NOW_MS,
      acsUrl: ACS,
      audience: AUDIENCE,
      idpEntityId: idp.entityId,
      idpCertificates: [idp.identity.certBase64],
      allowUnsolicited: false,
    };
    original = validateSamlResponse(utf8ToBase64(originalXml), expectations);
  });

  it("positive control: the unmutated response is accepted as ada@example.com", () => {
    expect(original.email).toBe("ada@example.com");
    expect(original.assertionId).toBe("id200000000000000000000000002");
    expect(original.inResponseTo).toBe(REQUEST_ID);
  });

  it(`${DIRECT_CASES} mutations through validateSamlResponse: only 4xx AppErrors, and nothing accepted that proves something else`, () => {
    const accepted: string[] = [];
    const refusalCodes = new Set<string>();
    for (let i = 0; i < DIRECT_CASES; i++) {
      const seed = BASE_SEED + i;
      const { samlResponse, steps } = mutateOrExplain(originalXml, seed);
      const context = `fuzz case seed=${seed} (BASE_SEED=${BASE_SEED}, case ${i}): ${steps.join("; ")}`;
      let verdict: Verdict;
      try {
        verdict = judge(samlResponse, expectations);
      } catch (error) {
        throw new Error(`${context}: threw a non-AppError: ${String((error as Error)?.stack ?? error)}`);
      }
      if ("refused" in verdict) {
        refusalCodes.add(verdict.refused);
        expect(verdict.status, `${context}: ${verdict.refused}`).toBeGreaterThanOrEqual(400);
        expect(verdict.status, `${context}: ${verdict.refused}`).toBeLessThan(500);
      } else {
        expect(verdict.accepted, `${context}: accepted with a different result`).toEqual(original);
        accepted.push(steps.join("; "));
      }
    }
    // The mutator really mutates: only changes outside the signed content (KeyInfo, whitespace in SignatureValue,
    // redundant namespace declarations) may survive, and the refusals come from many different checks.
    expect(accepted.length).toBeLessThan(DIRECT_CASES / 10);
    expect(refusalCodes.size).toBeGreaterThanOrEqual(5);
  });

  it(`${END_TO_END_CASES} mutations posted to the ACS: never a 5xx, never a session for anyone else`, async () => {
    const org = await orgWithSso(idp);
    const liveXml = await idp.signedResponseXml(validFor(org, { nameId: "ada@example.com" }));
    for (let i = 0; i < END_TO_END_CASES; i++) {
      const seed = BASE_SEED + 100_000 + i;
      const { samlResponse, steps } = mutateOrExplain(liveXml, seed);
      const context = `fuzz case seed=${seed} (BASE_SEED=${BASE_SEED}, end-to-end ${i}): ${steps.join("; ")}`;
      const response = await postAcs(org.id, samlResponse);
      expect(response.status, context).toBeLessThan(500);
      if (response.status === 303) {
        const me = await api("/api/me", { headers: { cookie: sessionCookie(response)! } });
        expect(((await me.json()) as { email: string }).email, context).toBe("ada@example.com");
      } else {
        expect(response.status, context).toBeGreaterThanOrEqual(400);
        expect(sessionCookie(response), context).toBeUndefined();
        expect(await errorCode(response), context).toMatch(/^(saml_|user_)/);
      }
    }
  });
});
