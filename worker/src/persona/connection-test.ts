import { isAppError } from "../../../shared/errors";
import type { PersonaTestResult } from "../../../shared/persona";
import { type PersonaAmbient, type PersonaConnection, personaRequest } from "./client";

const TEST_DEADLINE_MS = 15_000;

const UNREACHABLE_REMEDY = "Persona could not be reached at baseUrl: check it (https://api.withpersona.com/api/v1 for Persona's cloud) and retry";

/**
 * "Test": one cheap read (`GET /accounts?page[size]=1`) with the stored key. A refusal is a report, not an error:
 * Persona's status and `errors[].title`, and what to change in Persona's Dashboard.
 */
export async function testPersonaConnection(connection: PersonaConnection, ambient: PersonaAmbient): Promise<PersonaTestResult> {
  const common = { environment: connection.environment, baseUrl: connection.baseUrl };
  try {
    const response = await personaRequest(
      connection,
      { method: "GET", path: "/accounts", query: { "page[size]": "1" } },
      ambient,
      ambient.nowMs() + TEST_DEADLINE_MS,
    );
    const number = (name: string) => {
      const value = response.headers.get(name);
      return value === null || !Number.isFinite(Number(value)) ? null : Number(value);
    };
    const rateLimit = { limit: number("ratelimit-limit"), remaining: number("ratelimit-remaining"), resetSeconds: number("ratelimit-reset") };
    return { ok: true, ...common, personaStatus: response.status, code: null, title: null, remedy: null, rateLimit };
  } catch (error) {
    if (!isAppError(error)) throw error;
    const details = error.details ?? {};
    return {
      ok: false,
      ...common,
      personaStatus: typeof details.personaStatus === "number" ? details.personaStatus : null,
      code: error.code,
      title: typeof details.title === "string" ? details.title : null,
      remedy:
        typeof details.remedy === "string"
          ? details.remedy
          : error.code === "persona_timeout" || error.code === "persona_unavailable"
            ? UNREACHABLE_REMEDY
            : null,
      rateLimit: null,
    };
  }
}
