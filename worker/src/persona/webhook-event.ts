import { z } from "zod";

/** Attribute names arrive kebab-case by default; a webhook can be set to camel or snake case (docs/persona.md §1.1). */
function attribute(attributes: Record<string, unknown> | undefined, kebab: string): unknown {
  if (!attributes) return undefined;
  const camel = kebab.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
  const snake = kebab.replace(/-/g, "_");
  return attributes[kebab] ?? attributes[camel] ?? attributes[snake];
}

const ResourceSchema = z
  .object({
    type: z.string(),
    id: z.string(),
    attributes: z.record(z.string(), z.unknown()).optional(),
    relationships: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();
type Resource = z.infer<typeof ResourceSchema>;

export const WebhookEventSchema = z.object({
  data: z.object({
    type: z.literal("event"),
    id: z.string().regex(/^evt_[A-Za-z0-9]{1,64}$/),
    attributes: z
      .object({
        name: z.string().regex(/^[a-z]+\.[a-z-]+$/),
        payload: z.object({ data: ResourceSchema, included: z.array(ResourceSchema).optional() }).loose(),
      })
      .loose(),
  }),
});
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;

export type EventFacts = {
  eventId: string;
  name: string;
  createdAtMs: number;
  /** The case's or inquiry's status, when the event's object has one. */
  status: string | null;
  /** Okta user IDs: the `reference-id` of the Persona account(s) the object belongs to. */
  referenceIds: string[];
  /** The event's object: an inquiry's ID moves the verification of that inquiry on (docs/verified-recovery.md). */
  object: { type: string; id: string };
};

function related(resource: Resource, name: string): Array<{ type: string; id: string }> {
  const relationship = resource.relationships?.[name] as { data?: unknown } | undefined;
  const data = relationship?.data;
  const list = Array.isArray(data) ? data : data ? [data] : [];
  return list.filter((item): item is { type: string; id: string } => typeof item === "object" && item !== null && "id" in item && "type" in item);
}

/**
 * What a rule needs from an event: its name, time, the object's status, and whom it is about — the account's
 * `reference-id` (an Okta user ID by Persona's convention), from the object itself (inquiries carry one) or from
 * the included accounts it relates to. Nothing here is trusted before the signature was verified.
 */
export function eventFacts(event: WebhookEvent, nowMs: number): EventFacts {
  const { data } = event;
  const object = data.attributes.payload.data;
  const included = data.attributes.payload.included ?? [];
  const referenceIds = new Set<string>();
  const own = attribute(object.attributes, "reference-id");
  if (typeof own === "string" && own !== "") referenceIds.add(own);
  for (const link of [...related(object, "accounts"), ...related(object, "account")]) {
    const account = included.find((item) => item.type === "account" && item.id === link.id);
    const reference = attribute(account?.attributes, "reference-id");
    if (typeof reference === "string" && reference !== "") referenceIds.add(reference);
  }
  const createdAt = Date.parse(String(attribute(data.attributes as Record<string, unknown>, "created-at") ?? ""));
  const status = attribute(object.attributes, "status");
  return {
    eventId: data.id,
    name: data.attributes.name,
    createdAtMs: Number.isNaN(createdAt) ? nowMs : createdAt,
    status: typeof status === "string" ? status : null,
    referenceIds: [...referenceIds],
    object: { type: object.type, id: object.id },
  };
}
