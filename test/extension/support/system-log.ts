/**
 * Okta System Log events as the fake Okta's control API takes them (`POST /__fake/orgs/{org}/log-events`), for the
 * browser tests' seeds and the demo's story (worker/scripts/demo/story.ts). Their uuids name the overlay's timeline
 * items (`okta:<uuid>`).
 */

/** A person as an event names them, as actor or target. */
export interface LogUser {
  id: string;
  type: "User";
  alternateId: string;
  displayName: string;
}

export const logUser = (id: string, login: string, displayName: string): LogUser => ({ id, type: "User", alternateId: login, displayName });

const CHROME_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
const FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

/** Where an event came from: what the timeline compares to mark a new country, device or IP address. */
function logClient(ipAddress: string, city: string, country: string, rawUserAgent: string) {
  return { ipAddress, device: "Computer", geographicalContext: { city, country }, userAgent: { rawUserAgent } };
}

/** The usual place of the seeded sign-ins, and the unusual one: another country, device and IP address. */
export const FROM_PARIS = { client: logClient("81.2.69.160", "Paris", "France", CHROME_MAC) };
export const FROM_BUCHAREST = { client: logClient("86.120.4.9", "Bucharest", "Romania", FIREFOX_LINUX) };

/** What an event is: its type and the message Okta shows with it. */
export interface LogEventKind {
  eventType: string;
  displayMessage: string;
}

export const SIGN_IN: LogEventKind = { eventType: "user.session.start", displayMessage: "User login to Okta" };
export const SUSPICIOUS_ACTIVITY_REPORT: LogEventKind = {
  eventType: "user.account.report_suspicious_activity_by_enduser",
  displayMessage: "User report suspicious activity",
};
export const FACTORS_RESET: LogEventKind = { eventType: "user.mfa.factor.reset_all", displayMessage: "Reset all factors for user" };

/**
 * A builder of the successful events about `user` (the target): `minutesAgo` before `nowMs`, by `user` unless an
 * `actor` is given, from `client` when given.
 */
export function eventsAbout(user: LogUser, nowMs: number) {
  return (uuid: string, kind: LogEventKind, minutesAgo: number, from: { client?: ReturnType<typeof logClient>; actor?: LogUser } = {}) => ({
    uuid,
    ...kind,
    published: new Date(nowMs - minutesAgo * 60_000).toISOString(),
    actor: from.actor ?? user,
    target: [user],
    ...(from.client ? { client: from.client } : {}),
    outcome: { result: "SUCCESS" },
  });
}
