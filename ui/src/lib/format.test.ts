import { describe, expect, it } from "vitest";
import { addedMessage, avatarHue, groupCode, initial, paramsText, remaining } from "./format";

describe("format", () => {
  it("names the accounts added while they fit in a sentence, and where an import came from", () => {
    expect(addedMessage([{ label: "GitHub (alice)" }], null)).toBe("Added GitHub (alice)");
    expect(addedMessage([{ label: "A" }, { label: "B" }], "2FAS")).toBe("Added A and B from 2FAS");
    expect(addedMessage([{ label: "A" }, { label: "B" }, { label: "C" }], "Aegis")).toBe("Added 3 accounts from Aegis");
    expect(addedMessage([], "andOTP")).toBe("Nothing new was added from andOTP");
  });

  it("groups codes for reading", () => {
    expect(groupCode("123456")).toBe("123 456");
    expect(groupCode("1234567")).toBe("123 4567");
    expect(groupCode("12345678")).toBe("1234 5678");
    expect(groupCode("PV9M4")).toBe("PV9M4");
  });

  it("computes what is left of a window", () => {
    expect(remaining(60, 30, 45)).toEqual({ seconds: 15, fraction: 0.5 });
    expect(remaining(null, null, 45)).toEqual({ seconds: 0, fraction: 0 });
  });

  it("gives each issuer a stable avatar", () => {
    expect(avatarHue("GitHub")).toBe(avatarHue("github"));
    expect(initial("", "élodie")).toBe("É");
  });

  it("says an account's parameters in one line", () => {
    expect(paramsText({ kind: "totp", algorithm: "SHA1", digits: 6, period: 30, counter: null })).toBe(
      "TOTP · SHA1 · 6 digits · 30 s",
    );
    expect(paramsText({ kind: "hotp", algorithm: "SHA256", digits: 8, period: null, counter: 3 })).toBe(
      "HOTP · SHA256 · 8 digits · counter 3",
    );
  });
});
