import { describe, expect, it } from "vitest";
import { fromBase64, fromHex, sha256, sha256Hex, toBase64, toHex } from "./hash";

describe("sha256", () => {
  it("matches the FIPS 180-2 test vectors", () => {
    expect(toHex(sha256("abc"))).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
  });

  it("hashes a string as its UTF-8 bytes", () => {
    expect(sha256("é")).toEqual(sha256(Uint8Array.of(0xc3, 0xa9)));
  });

  it("hashes only the viewed part of a byte array", () => {
    const whole = Uint8Array.from([0, 0x61, 0x62, 0x63, 0]);
    expect(sha256Hex(whole.subarray(1, 4))).toBe(sha256Hex("abc"));
  });

  it("returns a plain 32-byte Uint8Array", () => {
    const digest = sha256("x");
    expect(digest).toHaveLength(32);
    expect(Object.getPrototypeOf(digest)).toBe(Uint8Array.prototype);
  });
});

describe("hex", () => {
  it("round-trips bytes through lowercase hex", () => {
    const bytes = Uint8Array.from([0, 1, 0xab, 0xff]);
    expect(toHex(bytes)).toBe("0001abff");
    expect(fromHex("0001abff")).toEqual(bytes);
    expect(fromHex("0001ABFF")).toEqual(bytes);
    expect(fromHex("")).toEqual(new Uint8Array(0));
  });

  it("refuses odd-length hex", () => {
    expect(() => fromHex("abc")).toThrow("odd length (3)");
  });

  it("refuses non-hex characters instead of truncating", () => {
    expect(() => fromHex("zz")).toThrow("other than 0-9");
    expect(() => fromHex("00 1")).toThrow();
    expect(() => fromHex("0x00")).toThrow("other than 0-9");
    expect(() => fromHex("abcd0g")).toThrow("other than 0-9");
    expect(() => fromHex("g0abcd")).toThrow("other than 0-9");
    expect(() => fromHex("ab\u00e9f")).toThrow("other than 0-9");
  });
});

describe("base64", () => {
  it("round-trips bytes through standard padded base64", () => {
    const bytes = Uint8Array.from([0xfb, 0xff, 0xbf, 0x01]);
    expect(toBase64(bytes)).toBe("+/+/AQ==");
    expect(fromBase64("+/+/AQ==")).toEqual(bytes);
  });

  it.each([
    ["unpadded", "AQ"],
    ["url-safe alphabet", "-_-_AQ=="],
    ["whitespace", "AQ== "],
    ["a stray character", "A*Q="],
    ["non-zero padding bits", "AR=="],
  ])("refuses %s", (_label, text) => {
    expect(() => fromBase64(text)).toThrow();
  });
});
