import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "./csv-cell";

describe("csvCell", () => {
  it("writes a cell a spreadsheet would run as a formula with a leading apostrophe", () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1:A9)")).toBe("'@SUM(A1:A9)");
    expect(csvCell("\t=1+1")).toBe("'\t=1+1");
    expect(csvCell("\r=1+1")).toBe(`"'\r=1+1"`);
  });

  it("leaves ordinary values alone, and guards only the first character", () => {
    expect(csvCell("Ada Lovelace")).toBe("Ada Lovelace");
    expect(csvCell("2026-01-01")).toBe("2026-01-01");
    expect(csvCell("2026-01-01T09:30:00.000Z")).toBe("2026-01-01T09:30:00.000Z");
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("O'Brien")).toBe("O'Brien");
    expect(csvCell(" =1+1")).toBe(" =1+1");
  });

  it("quotes a cell with quotes, commas or line breaks, doubling its quotes", () => {
    expect(csvCell('say "hi", twice')).toBe('"say ""hi"", twice"');
    expect(csvCell("line one\nline two")).toBe('"line one\nline two"');
    expect(csvCell("a\r\nb")).toBe('"a\r\nb"');
    expect(csvCell("=1,2")).toBe(`"'=1,2"`);
  });

  it("writes numbers and booleans as they are, and null as an empty cell", () => {
    expect(csvCell(3)).toBe("3");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(0.5)).toBe("0.5");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(false)).toBe("false");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell("")).toBe("");
  });
});

describe("csvRow", () => {
  it("encodes each cell and joins them with commas", () => {
    expect(csvRow(["id-1", "=cmd", 2, null, true, "a,b"])).toBe(`id-1,'=cmd,2,,true,"a,b"`);
  });
});
