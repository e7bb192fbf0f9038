/** JSON calls to the local stack: the worker's API (with the bootstrap token) and the fakes' control APIs. */
import { jsonCall } from "../setup";
import type { DevContext } from "./context";

export type CallResult = { status: number; body: unknown };
export type Call = (path: string, method: string, json?: unknown) => Promise<CallResult>;

export interface DevCalls {
  /** A JSON call to the worker's API with the bootstrap token (`json` undefined: no body). */
  api: Call;
  /** A JSON call to the fake Okta's control API (loopback only, no authentication). */
  oktaControl: Call;
  /** A JSON call to the fake Persona's control API (loopback only, no authentication). */
  personaControl: Call;
}

export function devCalls({ urls, token }: DevContext): DevCalls {
  return {
    api: (path, method, json) => jsonCall(`${urls.worker}${path}`, method, json, { authorization: `Bearer ${token}` }),
    oktaControl: (path, method, json) => jsonCall(`${urls.oktaControl}${path}`, method, json, {}),
    personaControl: (path, method, json) => jsonCall(`${urls.personaControl}${path}`, method, json, {}),
  };
}

export function errorCode(body: unknown): string | undefined {
  const error = (body as { error?: { code?: unknown } } | null)?.error;
  return typeof error?.code === "string" ? error.code : undefined;
}
