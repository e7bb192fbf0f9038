import type { PersonaAccount, PersonaMatch, PersonaSettings } from "../../../shared/persona";
import { type PersonaAmbient, type PersonaConnection, personaRequest } from "./client";
import { casesInOrder, listData, newestFirst, toAccount, toCase, toInquiry } from "./resources";

export type MatchInput = {
  connection: PersonaConnection;
  /** The Okta user ID (`00u…`): Persona's Okta connector keys accounts on it as `reference-id` (docs/persona.md §1.2). */
  oktaUserId: string;
  settings: PersonaSettings;
  /** The Okta user's email, awaited only when email matching is needed (the Okta half is in flight meanwhile). */
  email: () => Promise<string | null>;
  ambient: PersonaAmbient;
  deadlineMs: number;
};

/** How many cases and inquiries of an account are shown (Persona's pages are newest first). */
export const CASES_SHOWN = 10;
export const INQUIRIES_SHOWN = 5;

const NONE: PersonaMatch = { matchedBy: null, account: null, ambiguous: false, cases: [], inquiries: [] };

/**
 * "The case for this Okta user": the account whose `reference-id` is the Okta user ID, then its cases (open before
 * resolved, newest first) and inquiries (newest first). Zero accounts is an answer (`cases: []`), not an error;
 * several are shown as `accounts` and never guessed between. Only when the organization enabled it, and nothing
 * matched by reference-id, the Okta email is searched in the configured account field and then case field
 * (Persona's search lags writes by about a minute). Persona's failures propagate as AppErrors.
 */
export async function matchPersona(input: MatchInput): Promise<PersonaMatch> {
  const byReference = await accountsByReference(input, input.oktaUserId);
  if (byReference.length > 0) return fromAccounts(input, byReference, "reference-id");

  const { enabled, accountField, caseField } = input.settings.matchByEmail;
  if (!enabled || (accountField === null && caseField === null)) return NONE;
  const email = await input.email();
  if (email === null || email === "") return NONE;

  if (accountField !== null) {
    const byEmail = await search(input, "/accounts/search", `fields.${accountField}`, email, 2);
    if (byEmail.length > 0) return fromAccounts(input, byEmail.map(toAccount), "email");
  }
  if (caseField !== null) {
    const cases = (await search(input, "/cases/search", `fields.${caseField}`, email, CASES_SHOWN)).map(toCase);
    if (cases.length > 0) return { ...NONE, matchedBy: "email", cases: casesInOrder(cases) };
  }
  return NONE;
}

async function fromAccounts(input: MatchInput, accounts: PersonaAccount[], matchedBy: "reference-id" | "email"): Promise<PersonaMatch> {
  if (accounts.length > 1) return { ...NONE, matchedBy, ambiguous: true, accounts };
  const account = accounts[0]!;
  const [cases, inquiries] = await Promise.all([
    casesOfAccount(input, account.id),
    get(input, "/inquiries", { "filter[account-id]": account.id, "page[size]": String(INQUIRIES_SHOWN) }),
  ]);
  return { matchedBy, account, ambiguous: false, cases, inquiries: inquiries.map(toInquiry).sort(newestFirst) };
}

/** Where and how long a lookup may ask Persona. */
type Asking = Pick<MatchInput, "connection" | "ambient" | "deadlineMs">;

/** The accounts whose `reference-id` is the Okta user ID (at most 2: enough to know it is ambiguous). */
export function accountsByReference(input: Asking, oktaUserId: string): Promise<PersonaAccount[]> {
  return listAccounts(input, { "filter[reference-id]": oktaUserId, "page[size]": "2" });
}

/** An account's newest cases, open before resolved. */
export async function casesOfAccount(input: Asking, accountId: string) {
  return casesInOrder((await get(input, "/cases", { "filter[account-id]": accountId, "page[size]": String(CASES_SHOWN) })).map(toCase));
}

async function listAccounts(input: Asking, query: Record<string, string>): Promise<PersonaAccount[]> {
  return (await get(input, "/accounts", query)).map(toAccount);
}

async function get(input: Asking, path: string, query: Record<string, string>) {
  const response = await personaRequest(input.connection, { method: "GET", path, query }, input.ambient, input.deadlineMs);
  return listData(response.body);
}

/** Persona's search: one `eq` predicate, newest first. */
async function search(input: Asking, path: string, attribute: string, value: string, size: number) {
  const body = { query: { attribute, operator: "eq", value }, sort: { attribute: "created_at", direction: "desc" }, page: { size } };
  const response = await personaRequest(input.connection, { method: "POST", path, body, readOnly: true }, input.ambient, input.deadlineMs);
  return listData(response.body);
}
