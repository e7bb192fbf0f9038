/**
 * The overlay renders Persona's dashboard URLs as links. The background parses every context answer with the shared
 * schema (shared/https-url.ts), so an answer whose link is not https (a `javascript:` URL a compromised or
 * impersonated worker might send) is refused before any link exists.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing";
import { route } from "../../../../extension/background/router";
import { HttpsUrlSchema } from "../../../../shared/https-url";
import type { UserContext } from "../../../../shared/persona";
import { adaContext } from "../overlay/support";
import { deps, fakeFetch, senders, signedIn } from "./support";

beforeEach(() => {
  fakeBrowser.reset();
});

const HOSTILE = [
  "javascript:alert(document.domain)",
  "data:text/html,<script>alert(1)</script>",
  "http://app.withpersona.com/dashboard/cases/case_1",
  "https://127.0.0.1/x",
  "vbscript:msgbox(1)",
];

function withCaseLink(url: string): UserContext {
  const context = adaContext();
  return { ...context, persona: { ...context.persona, cases: context.persona.cases.map((item) => ({ ...item, dashboardUrl: url })) } };
}

async function contextReply(answer: UserContext) {
  await signedIn();
  const { fetchImpl } = fakeFetch(() => ({ status: 200, body: answer }));
  return route({ type: "overlay.context", payload: { userId: answer.userId } }, senders.content, deps({ fetchImpl }));
}

describe("links in answers are https", () => {
  it("passes Persona's own dashboard links through (control)", async () => {
    const reply = await contextReply(withCaseLink("https://app.withpersona.com/dashboard/cases/case_1"));
    expect(reply).toMatchObject({ ok: true });
  });

  it.each(HOSTILE)("refuses a context answer whose case link is %s", async (url) => {
    expect(HttpsUrlSchema.safeParse(url).success).toBe(false);
    const reply = await contextReply(withCaseLink(url));
    expect(reply).toMatchObject({ ok: false });
    expect(JSON.stringify(reply)).not.toContain(url.slice(0, 12));
  });
});
