import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { canonicalJson, canonicalJsonBytes, compileCanonicalJson } from "./canonical-json";

const vectors = new URL("./testdata/jcs/", import.meta.url);
const vectorNames = readdirSync(new URL("input/", vectors)).filter((name) =>
  name.endsWith(".json"),
);

describe("canonicalJson", () => {
  it("finds the RFC 8785 reference vectors", () => {
    expect(vectorNames.sort()).toEqual([
      "arrays.json",
      "french.json",
      "structures.json",
      "unicode.json",
      "values.json",
      "weird.json",
    ]);
  });

  it.each(vectorNames)("reproduces the RFC 8785 reference output for %s byte for byte", (name) => {
    const input: unknown = JSON.parse(readFileSync(new URL(`input/${name}`, vectors), "utf8"));
    const expected = new Uint8Array(readFileSync(new URL(`output/${name}`, vectors)));
    expect(canonicalJsonBytes(input)).toEqual(expected);
  });

  it("orders keys by UTF-16 code units, not by code point or locale", () => {
    // U+1F600 is stored as the surrogates D83D DE00, which sort before U+FB33;
    // by code point it would come after. "Z" sorts before "a" in code units.
    expect(canonicalJson({ "\uFB33": 1, "\u{1F600}": 2, a: 3, Z: 4 })).toBe(
      '{"Z":4,"a":3,"\u{1F600}":2,"\uFB33":1}',
    );
  });

  it("writes no whitespace and sorts nested objects inside arrays", () => {
    expect(canonicalJson({ b: [{ y: 1, x: [true, null] }], a: "s p" })).toBe(
      '{"a":"s p","b":[{"x":[true,null],"y":1}]}',
    );
  });

  it("serialises numbers the way ECMAScript does", () => {
    expect(canonicalJson([-0, 1e21, 1e-7, 0.1 + 0.2, 5e-324, 2 ** 53, -1.5, 100])).toBe(
      "[0,1e+21,1e-7,0.30000000000000004,5e-324,9007199254740992,-1.5,100]",
    );
  });

  it("escapes strings as JSON.stringify does", () => {
    expect(canonicalJson('\u0000\b\t\n\f\r"\\/\u001f\u007f\u2028é')).toBe(
      '"\\u0000\\b\\t\\n\\f\\r\\"\\\\/\\u001f\u007f\u2028é"',
    );
  });

  it("accepts objects without a prototype", () => {
    const object = Object.create(null) as Record<string, unknown>;
    object.k = 1;
    expect(canonicalJson(object)).toBe('{"k":1}');
  });

  it("encodes the canonical text as UTF-8", () => {
    expect(Array.from(canonicalJsonBytes({ "€": "é" }))).toEqual([
      0x7b, 0x22, 0xe2, 0x82, 0xac, 0x22, 0x3a, 0x22, 0xc3, 0xa9, 0x22, 0x7d,
    ]);
  });

  it.each([
    ["NaN", { payload: { amount: Number.NaN } }, "$.payload.amount", "NaN"],
    ["Infinity", { payload: { amount: -Infinity } }, "$.payload.amount", "-Infinity"],
    ["an undefined property", { payload: { note: undefined } }, "$.payload.note", "undefined"],
    [
      "an undefined array element",
      { subjectIds: ["a", undefined] },
      "$.subjectIds[1]",
      "undefined",
    ],
    ["an array hole", { list: new Array(2) }, "$.list[0]", "undefined"],
    ["a bigint", { payload: { amount: 10n } }, "$.payload.amount", "bigint"],
    ["a function", { f: () => 1 }, "$.f", "function"],
    ["a symbol", { s: Symbol("x") }, "$.s", "symbol"],
    ["a Date", { at: new Date(0) }, "$.at", "Date"],
    ["a Map", { m: new Map() }, "$.m", "Map"],
    ["a non-identifier key", { "two words": Number.NaN }, '$["two words"]', "NaN"],
    ["a lone surrogate", { text: "a\uD800b" }, "$.text", "surrogate"],
    ["a lone surrogate in a key", { "\uDC00": 1 }, '$["\\udc00"]', "surrogate"],
    ["a top-level undefined", undefined, "$", "undefined"],
  ])("refuses %s, naming its path", (_label, value, path, problem) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
    expect(() => canonicalJson(value)).toThrow(`Cannot canonicalise ${path}: `);
    expect(() => canonicalJson(value)).toThrow(problem);
  });

  it("refuses circular structures instead of overflowing the stack", () => {
    const loop: Record<string, unknown> = { a: {} };
    (loop.a as Record<string, unknown>).back = loop;
    expect(() => canonicalJson(loop)).toThrow("Cannot canonicalise $.a.back: ");
  });

  it("allows the same object twice when it is not its own ancestor", () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
  });
});

describe("compileCanonicalJson", () => {
  const serialize = compileCanonicalJson(["zeta", "alpha", "\u{1F600}", "\uFB33", "nested"]);

  it("gives canonicalJson's text for the record restricted to the listed keys", () => {
    const record = {
      zeta: [3, { b: 1, a: 2 }],
      alpha: "x",
      "\u{1F600}": null,
      "\uFB33": -0,
      nested: { y: 1.5, x: "é" },
      ignored: "not in the key list",
    };
    const { ignored: _ignored, ...listed } = record;
    expect(serialize(record)).toBe(canonicalJson(listed));
  });

  it("refuses a missing key or a non-JSON value, naming its path", () => {
    expect(() =>
      serialize({ zeta: 1, alpha: 2, "\u{1F600}": 3, "\uFB33": 4, nested: { amount: Number.NaN } }),
    ).toThrow("Cannot canonicalise $.nested.amount: NaN");
    expect(() => serialize({ zeta: 1, alpha: 2, "\u{1F600}": 3, "\uFB33": 4 } as never)).toThrow(
      "Cannot canonicalise $.nested: undefined",
    );
  });

  it("serialises an empty key list as an empty object", () => {
    expect(compileCanonicalJson([])({})).toBe("{}");
  });
});
