/**
 * `Key-Inflection: kebab|camel|snake` (docs/persona.md §1.1): the casing of response keys, kebab by default. Only keys
 * change (values such as `type: "case-template"` do not), and nothing inside a `fields` object is inflected.
 */
export const INFLECTIONS = ["kebab", "camel", "snake"] as const;
export type Inflection = (typeof INFLECTIONS)[number];

const inflectKey = (key: string, mode: Inflection) =>
  mode === "camel" ? key.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase()) : mode === "snake" ? key.replace(/-/g, "_") : key;

export function inflect(value: unknown, mode: Inflection): unknown {
  if (mode === "kebab") return value;
  if (Array.isArray(value)) return value.map((item) => inflect(item, mode));
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [inflectKey(key, mode), key === "fields" ? inner : inflect(inner, mode)]));
}

/** Request bodies may use any casing; operations read kebab-case keys. */
export function kebabKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(kebabKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key.replace(/_/g, "-").replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`),
      key === "fields" ? inner : kebabKeys(inner),
    ]),
  );
}
