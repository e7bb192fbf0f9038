/** assertFetchableUrl: which URLs may be fetched at all (scheme, credentials, hosts, IP literals, loopback). */
import { describe, expect, it } from "vitest";
import { assertFetchableUrl, fetchMetadataDocument } from "../../../worker/src/net/safe-fetch";
import { codeOf, fakeFetch, ok, options, syncCodeOf } from "./safe-fetch-support";

describe("assertFetchableUrl: URL rules", () => {
  const rejected = (url: string, allowLoopback = false) => syncCodeOf(() => assertFetchableUrl(url, allowLoopback));

  it.each(["", "not a url", "https://", "//acme.okta.com/metadata", "https://exa mple.com/"])("refuses the unparsable URL %j", (url) =>
    expect(rejected(url)).toBe("metadata_url_rejected"),
  );

  it.each(["http://acme.okta.com/metadata", "ftp://acme.okta.com/metadata", "file:///etc/passwd", "data:,x", "ws://acme.okta.com/"])(
    "refuses the non-https URL %s",
    (url) => expect(rejected(url)).toBe("metadata_url_rejected"),
  );

  it("refuses http to a public host even with allowLoopback", () => {
    expect(rejected("http://acme.okta.com/metadata", true)).toBe("metadata_url_rejected");
  });

  it.each(["https://user:pass@acme.okta.com/metadata", "https://user@acme.okta.com/", "https://:pass@acme.okta.com/", "https://acme.okta.com@10.0.0.1/"])(
    "refuses credentials in %s",
    (url) => {
      expect(rejected(url)).toBe("metadata_url_rejected");
      expect(rejected(url, true)).toBe("metadata_url_rejected");
    },
  );

  it.each([
    ["0.0.0.0", "this network"],
    ["0.255.255.255", "this network"],
    ["10.0.0.1", "private 10/8"],
    ["10.255.255.255", "private 10/8"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["100.127.255.255", "carrier-grade NAT"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["169.254.169.254", "link local / cloud metadata"],
    ["169.254.255.255", "link local"],
    ["172.16.0.1", "private 172.16/12"],
    ["172.31.255.255", "private 172.16/12"],
    ["192.0.0.8", "IETF protocol assignments"],
    ["192.0.0.255", "IETF protocol assignments"],
    ["192.0.2.1", "TEST-NET-1"],
    ["192.0.2.255", "TEST-NET-1"],
    ["192.168.1.1", "private 192.168/16"],
    ["192.168.255.255", "private 192.168/16"],
    ["198.18.0.1", "benchmarking"],
    ["198.19.255.255", "benchmarking"],
    ["198.51.100.7", "TEST-NET-2"],
    ["198.51.100.255", "TEST-NET-2"],
    ["203.0.113.7", "TEST-NET-3"],
    ["203.0.113.255", "TEST-NET-3"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.255", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "broadcast"],
  ])("refuses the IPv4 literal %s (%s)", (ip) => {
    expect(rejected(`https://${ip}/metadata`)).toBe("metadata_url_rejected");
    expect(rejected(`https://${ip}:8443/metadata`)).toBe("metadata_url_rejected");
  });

  it.each([
    "1.1.1.1",
    "9.255.255.255",
    "11.0.0.0",
    "100.63.255.255",
    "100.128.0.0",
    "126.255.255.255",
    "128.0.0.0",
    "169.253.255.255",
    "169.255.0.0",
    "172.15.255.255",
    "172.32.0.0",
    "192.0.1.0",
    "192.0.3.0",
    "192.167.255.255",
    "192.169.0.0",
    "198.17.255.255",
    "198.20.0.0",
    "198.51.99.255",
    "198.51.101.0",
    "203.0.112.255",
    "203.0.114.0",
    "223.255.255.255",
  ])("accepts the public IPv4 literal %s next to a reserved range", (ip) => {
    expect(rejected(`https://${ip}/metadata`)).toBe("returned");
  });

  it("relies on the URL parser to rewrite integer, hex and octal IPv4 forms to dotted decimal", () => {
    expect(new URL("https://2130706433/").hostname).toBe("127.0.0.1");
    expect(new URL("https://0x7f.1/").hostname).toBe("127.0.0.1");
    expect(new URL("https://0177.0.0.1/").hostname).toBe("127.0.0.1");
    expect(new URL("https://0xa9fea9fe/").hostname).toBe("169.254.169.254");
    expect(new URL("https://[::ffff:127.0.0.1]/").hostname).toBe("[::ffff:7f00:1]");
  });

  it.each([
    "https://2130706433/",
    "https://0x7f000001/",
    "https://0x7f.1/",
    "https://0177.0.0.1/",
    "https://127.1/",
    "https://127.0.0.1./",
    "https://0xa9fea9fe/",
    "https://0251.0376.0251.0376/",
    "https://3232235777/",
    "https://167772161/",
    "https://0/",
    "https://4294967295/",
  ])("refuses the integer/hex/octal IPv4 form %s", (url) => {
    expect(rejected(url)).toBe("metadata_url_rejected");
  });

  it.each([
    ["[::]", "unspecified"],
    ["[::1]", "loopback"],
    ["[0:0:0:0:0:0:0:1]", "loopback, long form"],
    ["[::127.0.0.1]", "IPv4-compatible"],
    ["[::a00:1]", "IPv4-compatible"],
    ["[fc00::1]", "unique local"],
    ["[fd12:3456:789a::1]", "unique local"],
    ["[fe80::1]", "link local"],
    ["[febf::1]", "link local"],
    ["[fec0::1]", "site local"],
    ["[ff02::1]", "multicast"],
    ["[2001:db8::1]", "documentation"],
    ["[::ffff:127.0.0.1]", "IPv4-mapped loopback"],
    ["[::ffff:7f00:1]", "IPv4-mapped loopback, hex"],
    ["[::ffff:10.0.0.1]", "IPv4-mapped private"],
    ["[::ffff:169.254.169.254]", "IPv4-mapped link local"],
    ["[::ffff:192.168.0.1]", "IPv4-mapped private"],
    ["[64:ff9b::169.254.169.254]", "NAT64 of link local"],
  ])("refuses the IPv6 literal %s (%s)", (host) => {
    expect(rejected(`https://${host}/metadata`)).toBe("metadata_url_rejected");
  });

  it.each(["[2606:4700:4700::1111]", "[fbff::1]", "[fe7f::1]", "[::ffff:8.8.8.8]", "[64:ff9b::808:808]"])("accepts the public IPv6 literal %s", (host) =>
    expect(rejected(`https://${host}/metadata`)).toBe("returned"),
  );

  it.each(["https://localhost/metadata", "https://LOCALHOST/metadata", "https://localhost./metadata", "https://idp.localhost/metadata"])(
    "refuses the loopback name %s without allowLoopback",
    (url) => {
      expect(rejected(url)).toBe("metadata_url_rejected");
      expect(rejected(url, true)).toBe("returned");
    },
  );

  it.each([
    "https://printer.local/metadata",
    "https://metadata.google.internal/computeMetadata/v1/",
    "https://router.home.arpa/",
    "https://box.localdomain/",
    "https://intranet/metadata",
    "https://intranet./metadata",
    "https://okta:8443/metadata",
  ])("refuses the non-public name %s, with or without allowLoopback", (url) => {
    expect(rejected(url)).toBe("metadata_url_rejected");
    expect(rejected(url, true)).toBe("metadata_url_rejected");
  });

  it.each(["https://10.0.0.1/", "https://169.254.169.254/", "https://[fd00::1]/", "http://10.0.0.1/"])("allowLoopback opens loopback only, not %s", (url) =>
    expect(rejected(url, true)).toBe("metadata_url_rejected"),
  );

  it("refuses before fetching: the fake fetch is never called", async () => {
    const { fn, calls } = fakeFetch(() => ok());
    expect(await codeOf(fetchMetadataDocument("https://169.254.169.254/latest/meta-data/", options(fn)))).toBe("metadata_url_rejected");
    expect(calls).toHaveLength(0);
  });
});
