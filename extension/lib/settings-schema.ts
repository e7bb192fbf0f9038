import { z } from "zod";
import { OrgIdSchema } from "../../shared/orgs";

/**
 * Where the worker is and which organization to sign in to. https only, except the loopback worker of
 * `npm run dev` (browsers treat http://127.0.0.1 and http://localhost as secure contexts). Only the origin is kept.
 */
export const WorkerUrlSchema = z
  .url()
  .transform((raw) => new URL(raw))
  .refine((url) => url.protocol === "https:" || (url.protocol === "http:" && (url.hostname === "127.0.0.1" || url.hostname === "localhost")), {
    message: "the worker URL must be https (http only for 127.0.0.1 or localhost)",
  })
  .refine((url) => url.username === "" && url.password === "", { message: "no user name or password in the worker URL" })
  .transform((url) => url.origin);

export const SettingsSchema = z.strictObject({ workerUrl: WorkerUrlSchema, orgId: OrgIdSchema });
export type Settings = z.output<typeof SettingsSchema>;
