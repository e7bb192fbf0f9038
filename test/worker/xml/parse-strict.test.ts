import { describe, expect, it } from "vitest";
import { MAX_ELEMENT_DEPTH, parseStrictXml, StrictXmlError } from "../../../worker/src/xml/parse-strict";

function reason(xml: string): string {
  try {
    parseStrictXml(xml);
    return "accepted";
  } catch (error) {
    if (error instanceof StrictXmlError) return error.reason;
    throw error;
  }
}

describe("parseStrictXml: one well-formed element tree or nothing", () => {
  it("accepts a document with an XML declaration, comments and namespaces", () => {
    expect(reason('<?xml version="1.0" encoding="UTF-8"?><!-- c --><a xmlns:x="urn:x"><x:b>t</x:b></a>')).toBe("accepted");
  });

  it("refuses DOCTYPE and ENTITY declarations before parsing (no XXE, no entity expansion)", () => {
    expect(reason('<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>')).toBe("doctype");
    expect(reason('<!doctype a SYSTEM "file:///etc/passwd"><a/>')).toBe("doctype");
  });

  it("turns xmldom's recoverable errors into failures: undefined entity, second root, trailing text", () => {
    expect(reason("<a>&undefined;</a>")).toBe("malformed");
    expect(reason("<a/><b/>")).toBe("malformed");
    expect(reason("<a/>junk")).toBe("malformed");
    expect(reason("<a><b></a>")).toBe("malformed");
  });

  it("refuses processing instructions outside the root and characters XML 1.0 forbids", () => {
    expect(reason('<?xml-stylesheet href="x"?><a/>')).toBe("root");
    expect(reason("<a>\u0000</a>")).toBe("malformed");
    expect(reason("<a b='\u0001'/>")).toBe("malformed");
    expect(reason("<a>\uFFFF</a>")).toBe("malformed");
  });

  it(`accepts elements nested ${MAX_ELEMENT_DEPTH} deep and refuses one level more, without recursing`, () => {
    const nested = (depth: number) => `${"<a>".repeat(depth)}${"</a>".repeat(depth)}`;
    expect(MAX_ELEMENT_DEPTH).toBe(100);
    expect(reason(nested(100))).toBe("accepted");
    expect(reason(nested(101))).toBe("depth");
    // Deep enough to overflow a recursive walk.
    expect(reason(nested(8_000))).toBe("depth");
  });

  it("quotes xmldom's message at token length, whatever the document put in it", () => {
    const tag = "t".repeat(50_000);
    let message = "";
    try {
      parseStrictXml(`<a><${tag}></a>`);
    } catch (error) {
      message = error instanceof Error ? error.message : "";
    }
    expect(message.length).toBeGreaterThan(0);
    expect(message.length).toBeLessThan(400);
  });
});
