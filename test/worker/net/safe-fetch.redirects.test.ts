/** fetchMetadataDocument: redirects are followed by hand, each hop checked like the first URL. */
import { describe, expect, it } from "vitest";
import { fetchMetadataDocument, MAX_REDIRECTS } from "../../../worker/src/net/safe-fetch";
import { codeOf, fakeFetch, METADATA, ok, options, PUBLIC_URL, redirect } from "./safe-fetch-support";

describe("fetchMetadataDocument: redirects", () => {
  it.each([301, 302, 303, 307, 308])("follows a %d to a public URL, resolving a relative Location", async (status) => {
    const { fn, calls } = fakeFetch((_url, _init, index) => (index === 0 ? redirect("/moved/metadata", status) : ok()));
    await expect(fetchMetadataDocument(PUBLIC_URL, options(fn))).resolves.toBe(METADATA);
    expect(calls.map((call) => call.url)).toEqual([PUBLIC_URL, "https://acme.okta.com/moved/metadata"]);
    expect(calls[1]!.init?.redirect).toBe("manual");
  });

  it(`follows ${MAX_REDIRECTS} redirects`, async () => {
    const { fn, calls } = fakeFetch((_url, _init, index) => (index < MAX_REDIRECTS ? redirect(`https://hop${index + 1}.example.com/metadata`) : ok()));
    await expect(fetchMetadataDocument(PUBLIC_URL, options(fn))).resolves.toBe(METADATA);
    expect(calls).toHaveLength(MAX_REDIRECTS + 1);
  });

  it(`refuses a ${MAX_REDIRECTS + 1}th redirect without fetching it`, async () => {
    const { fn, calls } = fakeFetch((_url, _init, index) => redirect(`https://hop${index + 1}.example.com/metadata`));
    expect(await codeOf(fetchMetadataDocument(PUBLIC_URL, options(fn)))).toBe("metadata_fetch_failed");
    expect(calls).toHaveLength(MAX_REDIRECTS + 1);
  });

  it.each([
    "https://10.0.0.1/metadata",
    "https://169.254.169.254/latest/meta-data/",
    "https://2130706433/",
    "https://[::ffff:127.0.0.1]/",
    "https://localhost/",
    "https://intranet/",
    "http://acme.okta.com/metadata",
    "https://user:pass@acme.okta.com/metadata",
  ])("re-validates the Location %s and refuses it before fetching", async (location) => {
    const { fn, calls } = fakeFetch(() => redirect(location));
    expect(await codeOf(fetchMetadataDocument(PUBLIC_URL, options(fn)))).toBe("metadata_url_rejected");
    expect(calls).toHaveLength(1);
  });

  it("refuses a redirect to loopback from a later hop too", async () => {
    const { fn, calls } = fakeFetch((_url, _init, index) =>
      index === 0 ? redirect("https://cdn.example.com/metadata") : redirect("http://127.0.0.1/metadata"),
    );
    expect(await codeOf(fetchMetadataDocument(PUBLIC_URL, options(fn)))).toBe("metadata_url_rejected");
    expect(calls).toHaveLength(2);
  });

  it("with allowLoopback, still refuses a redirect from loopback to a private address", async () => {
    const { fn } = fakeFetch(() => redirect("http://192.168.0.10/metadata"));
    expect(await codeOf(fetchMetadataDocument("http://127.0.0.1:8787/m", options(fn, { allowLoopback: true })))).toBe("metadata_url_rejected");
  });

  it("fails on a redirect without Location", async () => {
    const { fn } = fakeFetch(() => new Response(null, { status: 302 }));
    expect(await codeOf(fetchMetadataDocument(PUBLIC_URL, options(fn)))).toBe("metadata_fetch_failed");
  });
});
