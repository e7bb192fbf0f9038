import { describe, expect, it } from "vitest";
import { type LogEvent, LogEventSchema } from "../../../shared/okta-log-event";
import { oktaItems } from "../../../worker/src/timeline/okta-events";

let n = 0;
const event = (minutes: number, eventType: string, extra: Record<string, unknown> = {}): LogEvent =>
  LogEventSchema.parse({
    uuid: `uuid-${++n}`,
    published: new Date(Date.parse("2030-01-01T00:00:00Z") + minutes * 60_000).toISOString(),
    eventType,
    displayMessage: eventType,
    outcome: { result: "SUCCESS" },
    ...extra,
  });
const signIn = (minutes: number, country: string, ip: string, agent = "Firefox") =>
  event(minutes, "user.session.start", { client: { ipAddress: ip, userAgent: { rawUserAgent: agent }, geographicalContext: { country, city: "X" } } });

describe("Okta System Log events on the timeline", () => {
  it("marks a sign-in from a country, device or IP that earlier sign-ins never came from; the oldest is never new", () => {
    const items = oktaItems([signIn(3, "Romania", "5.5.5.5", "curl/8"), signIn(1, "France", "1.1.1.1"), signIn(2, "France", "1.1.1.1")], () => undefined);
    expect(items.map((item) => item.marked ?? [])).toEqual([["new_country", "new_device", "new_ip"], [], []]);
  });

  it("carries where it came from, Okta's risk fields and a link; marks come from the shared table", () => {
    const [item] = oktaItems(
      [
        event(1, "policy.evaluate_sign_on", {
          outcome: { result: "DENY", reason: "policy" },
          actor: { id: "00u1", type: "User", alternateId: "ada@acme.test", displayName: "Ada" },
          client: { ipAddress: "9.9.9.9", device: "Computer", geographicalContext: { country: "Peru", city: "Lima" } },
          debugContext: { debugData: { risk: "{level=HIGH}", behaviors: "{New Geo-Location=POSITIVE}", requestUri: "/x" } },
        }),
      ],
      (uuid) => `https://acme-admin.okta.com/report/system_log_2?search=${uuid}`,
    );
    expect(item).toMatchObject({
      source: "okta",
      outcome: "DENY",
      actor: { type: "User", id: "00u1", displayName: "Ada" },
      client: { ipAddress: "9.9.9.9", country: "Peru", city: "Lima", device: "Computer" },
      risk: { risk: "{level=HIGH}", behaviors: "{New Geo-Location=POSITIVE}" },
      marked: ["sign_on_denied"],
      link: expect.stringContaining("system_log_2"),
      summary: "policy.evaluate_sign_on (Lima, Peru)",
    });
    expect(item?.risk).not.toHaveProperty("requestUri");
  });
});
