/** Just enough XML writing for hand-shaped SAML documents: escaping and one element helper. */

/** Escapes character data. `\r` is written as a reference so that parsing does not turn it into `\n`. */
export function escapeText(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
}

/**
 * Escapes an attribute value for double quotes. Tabs and line breaks become references because
 * attribute-value normalisation would otherwise turn them into spaces.
 */
export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;");
}

/** Attributes in document order; an `undefined` value leaves the attribute out. */
export type XmlAttributes = ReadonlyArray<readonly [name: string, value: string | undefined]>;

/**
 * Writes `<name attrs>content</name>`, or `<name attrs/>` when there is no content.
 * `content` is markup that is already escaped (use {@link escapeText} for text).
 */
export function element(name: string, attributes: XmlAttributes, content = ""): string {
  const attrs = attributes
    .filter((entry): entry is readonly [string, string] => entry[1] !== undefined)
    .map(([attrName, value]) => ` ${attrName}="${escapeAttribute(value)}"`)
    .join("");
  return content === "" ? `<${name}${attrs}/>` : `<${name}${attrs}>${content}</${name}>`;
}
