/**
 * Which kind of host a URL names, from its literal only (Workers cannot resolve DNS before a fetch): loopback (this
 * machine), blocked (private, reserved, or never a public name) or public. Used by the SSRF guard of every URL the
 * worker fetches or sends a secret to (docs/ssrf.md).
 */

/** True for hosts that always mean "this machine": 127.0.0.0/8, ::1 (also IPv4-mapped), localhost, *.localhost. */
export function isLoopbackHost(hostname: string): boolean {
  return classifyHost(hostname) === "loopback";
}

export type HostClass = "public" | "loopback" | "blocked";

/** Classifies a hostname as normalised by the URL parser (IPv6 literals keep their brackets). */
export function classifyHost(hostname: string): HostClass {
  if (hostname.startsWith("[") && hostname.endsWith("]")) {
    const groups = parseIpv6(hostname.slice(1, -1));
    return groups ? classifyIpv6(groups) : "blocked";
  }
  const ipv4 = parseIpv4(hostname);
  if (ipv4 !== undefined) return classifyIpv4(ipv4);

  // A trailing dot names the same host (`localhost.` is localhost).
  const name = hostname.endsWith(".") ? hostname.slice(0, -1) : hostname;
  if (name === "localhost" || name.endsWith(".localhost")) return "loopback";
  // Names reserved for local networks never reach a public IdP.
  if (LOCAL_SUFFIXES.some((suffix) => name.endsWith(suffix))) return "blocked";
  // A single label (`metadata`, `intranet`) is resolved through the search domains of a private network.
  if (name === "" || !name.includes(".")) return "blocked";
  return "public";
}

const LOCAL_SUFFIXES = [".local", ".internal", ".localdomain", ".home.arpa"];

// ---------------------------------------------------------------------------------------------------------------
// IPv4

/** Dotted decimal only: the URL parser has already rewritten every other IPv4 spelling to this form. */
function parseIpv4(host: string): number | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!match) return undefined;
  const octets = match.slice(1).map(Number);
  if (octets.some((octet) => octet > 255)) return undefined;
  return octets.reduce((value, octet) => value * 256 + octet, 0);
}

const ipv4 = (a: number, b: number, c: number, d: number) => ((a * 256 + b) * 256 + c) * 256 + d;

/** [first address, prefix length, class]. Ranges from RFC 6890 (special-purpose) and RFC 5771 (multicast). */
const IPV4_RANGES: ReadonlyArray<readonly [number, number, Exclude<HostClass, "public">]> = [
  [ipv4(127, 0, 0, 0), 8, "loopback"],
  [ipv4(0, 0, 0, 0), 8, "blocked"], // "this network"; 0.0.0.0 reaches the local host on many stacks
  [ipv4(10, 0, 0, 0), 8, "blocked"], // private
  [ipv4(100, 64, 0, 0), 10, "blocked"], // carrier-grade NAT
  [ipv4(169, 254, 0, 0), 16, "blocked"], // link local, including cloud metadata services (169.254.169.254)
  [ipv4(172, 16, 0, 0), 12, "blocked"], // private
  [ipv4(192, 0, 0, 0), 24, "blocked"], // IETF protocol assignments
  [ipv4(192, 0, 2, 0), 24, "blocked"], // documentation (TEST-NET-1)
  [ipv4(192, 168, 0, 0), 16, "blocked"], // private
  [ipv4(198, 18, 0, 0), 15, "blocked"], // benchmarking
  [ipv4(198, 51, 100, 0), 24, "blocked"], // documentation (TEST-NET-2)
  [ipv4(203, 0, 113, 0), 24, "blocked"], // documentation (TEST-NET-3)
  [ipv4(224, 0, 0, 0), 4, "blocked"], // multicast
  [ipv4(240, 0, 0, 0), 4, "blocked"], // reserved, including broadcast 255.255.255.255
];

function classifyIpv4(address: number): HostClass {
  for (const [first, prefix, hostClass] of IPV4_RANGES) {
    const size = 2 ** (32 - prefix);
    if (address >= first && address < first + size) return hostClass;
  }
  return "public";
}

// ---------------------------------------------------------------------------------------------------------------
// IPv6

/** Eight 16-bit groups, or undefined. Accepts the serialisation of the URL parser (hex groups, at most one `::`). */
function parseIpv6(text: string): number[] | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const parse = (part: string | undefined) => (part ? part.split(":") : []);
  const head = parse(halves[0]);
  const tail = parse(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 1 ? 0 : missing).fill("0"), ...tail];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return undefined;
  return groups.map((group) => parseInt(group, 16));
}

function classifyIpv6(groups: number[]): HostClass {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
  const embeddedIpv4 = g6 * 65536 + g7;
  const first96Zero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0;
  if (first96Zero) {
    if (embeddedIpv4 === 1) return "loopback"; // ::1
    return "blocked"; // :: (unspecified) and the deprecated IPv4-compatible ::a.b.c.d
  }
  // IPv4-mapped ::ffff:a.b.c.d and NAT64 64:ff9b::a.b.c.d reach an IPv4 host: apply the IPv4 rules to it.
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0xffff) return classifyIpv4(embeddedIpv4);
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return classifyIpv4(embeddedIpv4);
  // The other ranges that carry or reach an IPv4 address (docs/ssrf.md): no IdP publishes metadata on one, and
  // each can smuggle a private target (6to4 2002:a9fe:a9fe:: is 169.254.169.254), so they are refused outright.
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0xffff && g5 === 0) return "blocked"; // ::ffff:0:0/96 IPv4-translated
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return "blocked"; // 64:ff9b:1::/48 local-use NAT64
  if (g0 === 0x2002) return "blocked"; // 2002::/16 6to4
  if (g0 === 0x2001 && g1 === 0) return "blocked"; // 2001::/32 Teredo
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return "blocked"; // 100::/64 discard-only
  if ((g0 & 0xfe00) === 0xfc00) return "blocked"; // fc00::/7 unique local
  if ((g0 & 0xffc0) === 0xfe80) return "blocked"; // fe80::/10 link local
  if ((g0 & 0xffc0) === 0xfec0) return "blocked"; // fec0::/10 site local (deprecated, still routed by some stacks)
  if ((g0 & 0xff00) === 0xff00) return "blocked"; // ff00::/8 multicast
  if (g0 === 0x2001 && g1 === 0x0db8) return "blocked"; // 2001:db8::/32 documentation
  return "public";
}
