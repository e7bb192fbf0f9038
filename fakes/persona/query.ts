/**
 * JSON:API query parameters as Persona reads them (docs/persona.md §1.4): deepObject families
 * (`filter[reference-id]=…`, also `filter[reference-id][]=…` for lists), list values as CSV or arrays, `include=a,b`
 * and sparse fieldsets `fields[case]=status,name`. Values arrive URL-decoded (a raw `+` is a space, as in any form
 * decoding).
 */
import { P } from "./errors";

/** Every `family[key]` (and `family[key][]`) parameter, by key, in order of appearance. */
export function bracketParams(query: URLSearchParams, family: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const pattern = new RegExp(`^${family}\\[([^\\]]*)\\](\\[\\])?$`);
  for (const [name, value] of query) {
    const match = pattern.exec(name);
    if (!match) {
      if (name === family || name.startsWith(`${family}[`)) throw P.badRequest(`${name} is not a valid parameter`);
      continue;
    }
    const key = match[1]!;
    out.set(key, [...(out.get(key) ?? []), value]);
  }
  return out;
}

/** Refuses keys the operation does not declare (the spec's filter objects have `additionalProperties: false`). */
export function onlyKeys(params: Map<string, string[]>, allowed: readonly string[], family: string): void {
  for (const key of params.keys()) {
    if (!allowed.includes(key)) throw P.badRequest(`${family}[${key}] is not a permitted parameter`);
  }
}

/** A list-valued parameter: each occurrence may itself be CSV. Empty items are dropped. */
export function listValues(values: string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  return values
    .flatMap((value) => value.split(","))
    .map((value) => value.trim())
    .filter((value) => value !== "");
}

/** A single-valued parameter: the last occurrence wins, as in Rails. */
export function singleValue(values: string[] | undefined): string | undefined {
  return values === undefined ? undefined : values[values.length - 1];
}

/** `include=accounts,inquiries`; a path the resource does not have is refused. */
export function includePaths(query: URLSearchParams, allowed: readonly string[]): string[] {
  const raw = query.get("include");
  if (raw === null) return [];
  const paths = listValues([raw]) ?? [];
  for (const path of paths) if (!allowed.includes(path)) throw P.badRequest(`include ${path} is not a valid relationship path`);
  return [...new Set(paths)];
}

/** `fields[<type>]=a,b`: the attributes to keep per resource type (JSON:API sparse fieldsets). */
export function sparseFieldsets(query: URLSearchParams): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [type, values] of bracketParams(query, "fields")) out.set(type, new Set(listValues(values)));
  return out;
}

/** Applies sparse fieldsets to a resource object (`{type, id, attributes, relationships}`). */
export function applyFieldsets<T extends { type: string; attributes?: Record<string, unknown> }>(resource: T, fieldsets: Map<string, Set<string>>): T {
  const keep = fieldsets.get(resource.type);
  if (keep === undefined || resource.attributes === undefined) return resource;
  return { ...resource, attributes: Object.fromEntries(Object.entries(resource.attributes).filter(([name]) => keep.has(name))) };
}
