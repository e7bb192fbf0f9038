import type { z } from "zod";

/** The text of each named field of a form (checkboxes: "on" when checked, absent otherwise). */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) if (typeof value === "string") values[name] = value;
  return values;
}

/** A zod failure as `field: message` lines, for a form to show before anything is sent. */
export function issueText(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message)).join("; ");
}

/** Empty inputs mean "not given". */
export function optional(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** A secret leaves its field as soon as it is read, accepted or not: nothing of it stays in the page to be read later. */
export function clearSecret(form: HTMLFormElement, name: string): void {
  const field = form.elements.namedItem(name);
  if (field instanceof HTMLInputElement) field.value = "";
}
