/**
 * IPv6 ranges that embed or reach an IPv4 address (worker/src/net/host-class.ts): each one is refused, because the
 * embedded address may be private (6to4 2002:a9fe:a9fe:: is 169.254.169.254), while ordinary public IPv6 passes.
 * Driven through assertFetchableUrl, the guard every fetched or secret-bearing URL goes through.
 */
import { describe, expect, it } from "vitest";
import { AppError } from "../../../shared/errors";
import { classifyHost } from "../../../worker/src/net/host-class";
import { assertFetchableUrl } from "../../../worker/src/net/safe-fetch";

function refusal(url: string): string {
  try {
    assertFetchableUrl(url, false);
    return "accepted";
  } catch (error) {
    return error instanceof AppError ? error.code : "not an AppError";
  }
}

describe("IPv6 transition ranges", () => {
  it.each([
    ["[2002:a9fe:a9fe::]", "6to4 of 169.254.169.254"],
    ["[2002:0a00:0001::1]", "6to4 of 10.0.0.1"],
    ["[2002:0808:0808::]", "6to4 of a public address (refused all the same)"],
    ["[64:ff9b:1::a9fe:a9fe]", "local-use NAT64"],
    ["[64:ff9b:1:ffff::1]", "local-use NAT64, end of the /48"],
    ["[::ffff:0:a9fe:a9fe]", "IPv4-translated ::ffff:0:0/96"],
    ["[::ffff:0:808:808]", "IPv4-translated of a public address"],
    ["[2001::a9fe:a9fe]", "Teredo"],
    ["[2001:0:4136:e378:8000:63bf:3fff:fdd2]", "Teredo with a server address"],
    ["[100::1]", "discard-only 100::/64"],
    ["[100::ffff:ffff:ffff:ffff]", "discard-only, end of the /64"],
  ])("refuses %s (%s)", (host) => {
    expect(refusal(`https://${host}/metadata`)).toBe("metadata_url_rejected");
    expect(classifyHost(new URL(`https://${host}/`).hostname)).toBe("blocked");
  });

  it.each(["[2606:4700:4700::1111]", "[2001:4860:4860::8888]", "[2003::1]", "[100:0:0:1::1]", "[64:ff9b:2::1]", "[::ffff:8.8.8.8]"])(
    "still accepts the public address %s next to those ranges",
    (host) => expect(refusal(`https://${host}/metadata`)).toBe("accepted"),
  );
});
