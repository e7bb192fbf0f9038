import type { Element, Node } from "@xmldom/xmldom";

/** Direct element children of `parent` with this namespace URI and local name (never a deep search). */
export function childElements(parent: Element, namespaceURI: string, localName: string): Element[] {
  const out: Element[] = [];
  for (let child: Node | null = parent.firstChild; child; child = child.nextSibling) {
    if (child.nodeType !== child.ELEMENT_NODE) continue;
    const element = child as Element;
    if (element.namespaceURI === namespaceURI && element.localName === localName) out.push(element);
  }
  return out;
}

/** The one direct child with this name, undefined when absent; more than one is reported through `onMany`. */
export function singleChild(parent: Element, namespaceURI: string, localName: string, onMany: () => Error): Element | undefined {
  const found = childElements(parent, namespaceURI, localName);
  if (found.length > 1) throw onMany();
  return found[0];
}

/** Full text content (all text descendants): a comment inside a value cannot cut it short. */
export function textOf(element: Element): string {
  return element.textContent ?? "";
}
