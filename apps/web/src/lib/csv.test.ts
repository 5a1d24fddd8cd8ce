import { csvRow } from "@attest/domain/csv/csv-cell";
import { describe, expect, it } from "vitest";
import { parseCsvRecords } from "@/lib/csv";

describe("parseCsvRecords", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks", () => {
    const text =
      '\uFEFFkey,name,description\r\nerp,ERP,"Ledger, AP and ""close"""\r\ncrm,CRM,"two\nlines"\r\n';

    expect(parseCsvRecords(text)).toEqual({
      records: [
        ["key", "name", "description"],
        ["erp", "ERP", 'Ledger, AP and "close"'],
        ["crm", "CRM", "two\nlines"],
      ],
      complete: true,
    });
  });

  it("skips empty lines, keeps empty fields and reads a last line without a line end", () => {
    expect(parseCsvRecords("a,b\n\n1,\n,2").records).toEqual([
      ["a", "b"],
      ["1", ""],
      ["", "2"],
    ]);
  });

  it("stops after the records asked for", () => {
    expect(parseCsvRecords("h\n1\n2\n3\n", { maxRecords: 2 }).records).toEqual([["h"], ["1"]]);
  });

  it("leaves out a record cut off at the end of a slice", () => {
    expect(parseCsvRecords('h,x\n1,"start of a long', { endOfFile: false })).toEqual({
      records: [["h", "x"]],
      complete: false,
    });
    expect(parseCsvRecords("h,x\n1,partial", { endOfFile: false }).records).toEqual([["h", "x"]]);
  });

  it("reads back the cells Attest writes, a formula guarded by its apostrophe", () => {
    const identityName = '=HYPERLINK("http://evil","x")';
    const justification = "+cmd|' /C calc'!A0, approved";
    const text = `${csvRow(["identity_name", "justification", "stage"])}\r\n${csvRow([identityName, justification, 2])}\r\n`;
    expect(parseCsvRecords(text).records).toEqual([
      ["identity_name", "justification", "stage"],
      [`'${identityName}`, `'${justification}`, "2"],
    ]);
  });
});
