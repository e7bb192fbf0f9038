/**
 * Bench-only worker entry around the REAL `validateSamlResponse` of worker/src (nothing copied or faked).
 *
 * Local workerd rounds `performance.now()`, `Date.now()` and `process.hrtime()` to whole milliseconds, too coarse
 * for a ~2 ms call, so the CPU time is read from outside (the runtime's /proc schedstat, see cpu-clock.ts); this
 * worker only does the work. The in-request clock is still reported (loop wall time, cold call).
 *
 * POST /acs    {samlResponse, expectations, runs}        → {email, wallMs}: `runs` validations (0 = an empty request
 *              with the same body, the baseline that the per-call figures subtract)
 * POST /stages {samlResponse, expectations, runs, stage} → {}: profiling only; the pipeline's stages are called one
 *              by one from their real modules, in validateSamlResponse's order: runs the stages before `stage` once,
 *              then `stage` alone `runs` times (each stage leaves the document as it found it)
 * GET  /clock  → {stepMs}: the smallest observable performance.now() step
 */
import type { Element } from "@xmldom/xmldom";
import { AppError } from "../../shared/errors";
import { checkConditions } from "../../worker/src/saml/check-conditions";
import { checkResponse } from "../../worker/src/saml/check-response";
import { checkSubject } from "../../worker/src/saml/check-subject";
import { decodeSamlResponse } from "../../worker/src/saml/decode-response";
import { extractIdentity } from "../../worker/src/saml/extract-identity";
import { CLOCK_SKEW_MS, type SamlExpectations, validateSamlResponse } from "../../worker/src/saml/index";
import { type LocatedResponse, locateElements } from "../../worker/src/saml/locate-elements";
import { parseResponseXml } from "../../worker/src/saml/parse-response";
import { type PinnedKey, pinnedKeys } from "../../worker/src/saml/pinned-keys";
import { readSignature, type SignatureParts } from "../../worker/src/saml/read-signature";
import { verifySignature } from "../../worker/src/saml/verify-signature";

export type BenchRequest = { samlResponse: string; expectations: SamlExpectations; runs: number; stage?: number };
export type AcsAnswer = { email: string; wallMs: number };

function validateMany(body: BenchRequest): AcsAnswer {
  let email = "";
  const start = performance.now();
  for (let i = 0; i < body.runs; i++) email = validateSamlResponse(body.samlResponse, body.expectations).email;
  return { email, wallMs: performance.now() - start };
}

type State = {
  xml?: string;
  root?: Element;
  located?: LocatedResponse;
  keys?: PinnedKey[];
  responseParts?: SignatureParts;
  assertionParts?: SignatureParts;
};

/** validateSamlResponse's steps (worker/src/saml/index.ts), in its order; stage k needs the state of 0..k-1. */
export const STAGES: readonly (readonly [string, (s: State, e: SamlExpectations, encoded: string) => void])[] = [
  [
    "decode",
    (s, _e, encoded) => {
      s.xml = decodeSamlResponse(encoded);
    },
  ],
  [
    "parse",
    (s) => {
      s.root = parseResponseXml(s.xml!).root;
    },
  ],
  [
    "locate",
    (s) => {
      s.located = locateElements(s.root!);
    },
  ],
  [
    "pinnedKeys (cached)",
    (s, e) => {
      s.keys = pinnedKeys(e.idpCertificates);
    },
  ],
  [
    "readSignature x2",
    (s) => {
      const { response, assertion, responseSignature, assertionSignature } = s.located!;
      if (!responseSignature || !assertionSignature) throw new Error("the fixture must have both signatures");
      s.responseParts = readSignature(responseSignature, response);
      s.assertionParts = readSignature(assertionSignature, assertion);
    },
  ],
  ["verify Response signature", (s) => verifySignature(s.responseParts!, s.located!.response, s.keys!)],
  ["verify Assertion signature", (s) => verifySignature(s.assertionParts!, s.located!.assertion, s.keys!)],
  [
    "checks + identity",
    (s, e) => {
      const { response, assertion } = s.located!;
      const skewMs = e.skewMs ?? CLOCK_SKEW_MS;
      checkResponse(response, assertion, e);
      const subject = checkSubject(response, assertion, { ...e, skewMs });
      checkConditions(assertion, { ...e, skewMs });
      extractIdentity(assertion, subject.subject, e.emailAttribute ?? "email");
    },
  ],
];

/** Prepares the state with stages 0..stage-1 once, then runs only `stage` `runs` times. */
function runStage(body: BenchRequest): void {
  const stage = body.stage ?? 0;
  if (!Number.isInteger(stage) || stage < 0 || stage >= STAGES.length) throw new Error(`no stage ${stage}`);
  const state: State = {};
  for (let k = 0; k < stage; k++) STAGES[k]![1](state, body.expectations, body.samlResponse);
  const run = STAGES[stage]![1];
  for (let i = 0; i < body.runs; i++) run(state, body.expectations, body.samlResponse);
}

function clockStepMs(): number {
  let smallest = Infinity;
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    let next = start;
    while (next === start) next = performance.now();
    smallest = Math.min(smallest, next - start);
  }
  return smallest;
}

export default {
  async fetch(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    try {
      if (request.method === "GET" && pathname === "/clock") return Response.json({ stepMs: clockStepMs() });
      if (request.method !== "POST") return new Response("not found", { status: 404 });
      const body = await request.json<BenchRequest>();
      if (pathname === "/acs") return Response.json(validateMany(body));
      if (pathname === "/stages") {
        runStage(body);
        return Response.json({});
      }
      return new Response("not found", { status: 404 });
    } catch (error) {
      const code = error instanceof AppError ? error.code : "bench_error";
      return Response.json({ error: { code, message: error instanceof Error ? error.message : String(error) } }, { status: 422 });
    }
  },
};
