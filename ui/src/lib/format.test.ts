import { describe, expect, it } from "vitest";
import { avatarHue, groupCode, initial, paramsText, remaining } from "./format";

describe("format", () => {
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
