/**
 * Event hook receivers: named endpoints at `<url>/__fake/hook-receivers/<name>` that play the external service of an
 * event hook, for tests that cannot listen for HTTP themselves (workerd). Each records every request it gets (method,
 * headers, raw body) and answers:
 * - GET (Okta's verification): by default 200 `{"verification": <the X-Okta-Verification-Challenge header>}`;
 *   `verification: "wrong-value"` echoes something else, `"not-json"` answers text, `verificationStatus` sets the status;
 * - any other method (deliveries): `deliveryStatus` (default 200) with an empty body.
 * `delayMs` holds every answer that long (longer than the hook's timeout makes a timeout).
 * `GET …/<name>/requests` reads what it received, `DELETE …/<name>/requests` forgets it, `PUT …/<name>/config` sets
 * the behaviour.
 */
import { z } from "zod";
import { ControlError } from "../shared/control-error";
import type { FakeResponse } from "./http";

const Config = z.strictObject({
  verification: z.enum(["echo", "wrong-value", "not-json"]).default("echo"),
  verificationStatus: z.number().int().min(100).max(599).default(200),
  deliveryStatus: z.number().int().min(100).max(599).default(200),
  delayMs: z.number().int().min(0).max(60_000).default(0),
});
type ReceiverConfig = z.infer<typeof Config>;

export interface ReceivedRequest {
  atMs: number;
  method: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

interface Receiver {
  config: ReceiverConfig;
  requests: ReceivedRequest[];
}

export class HookReceivers {
  private readonly receivers = new Map<string, Receiver>();

  constructor(private readonly now: () => number) {}

  private get(name: string): Receiver {
    let receiver = this.receivers.get(name);
    if (!receiver) {
      receiver = { config: Config.parse({}), requests: [] };
      this.receivers.set(name, receiver);
    }
    return receiver;
  }

  /** `sub` is undefined for the endpoint itself, else `requests` or `config`. */
  async handle(method: string, name: string, sub: string | undefined, headers: Record<string, string>, body: string): Promise<FakeResponse> {
    const receiver = this.get(name);
    if (sub === undefined) return this.answer(receiver, method, headers, body);
    if (sub === "requests" && method === "GET") return { status: 200, body: { config: receiver.config, requests: receiver.requests } };
    if (sub === "requests" && method === "DELETE") {
      receiver.requests = [];
      return { status: 204 };
    }
    if (sub === "config" && method === "PUT") {
      let input: unknown;
      try {
        input = body.trim() === "" ? {} : JSON.parse(body);
      } catch {
        throw new ControlError(400, "the body must be JSON");
      }
      const parsed = Config.safeParse({ ...receiver.config, ...(typeof input === "object" && input !== null ? input : {}) });
      if (!parsed.success)
        throw new ControlError(400, `receiver config: ${parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ")}`);
      receiver.config = parsed.data;
      return { status: 200, body: receiver.config };
    }
    throw new ControlError(405, `${method} not allowed on ${sub}`);
  }

  private async answer(receiver: Receiver, method: string, headers: Record<string, string>, body: string): Promise<FakeResponse> {
    receiver.requests.push({ atMs: this.now(), method, headers, body });
    const { config } = receiver;
    if (config.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, config.delayMs).unref());
    if (method !== "GET") return { status: config.deliveryStatus, body: "", contentType: "text/plain" };
    const challenge = headers["x-okta-verification-challenge"] ?? "";
    switch (config.verification) {
      case "echo":
        return { status: config.verificationStatus, body: { verification: challenge } };
      case "wrong-value":
        return { status: config.verificationStatus, body: { verification: `${challenge}-not` } };
      case "not-json":
        return { status: config.verificationStatus, body: `verification=${challenge}`, contentType: "text/plain" };
    }
  }
}
