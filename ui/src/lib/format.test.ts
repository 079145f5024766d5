import { describe, expect, it } from "vitest";
import { avatarHue, groupCode, initial, matches, moved, remaining } from "./format";

describe("format", () => {
  it("groups codes for reading", () => {
    expect(groupCode("123456")).toBe("123 456");
    expect(groupCode("1234567")).toBe("123 4567");
    expect(groupCode("12345678")).toBe("1234 5678");
    expect(groupCode("PV9M4")).toBe("PV9M4");
  });

  it("searches issuer, name and group, any case", () => {
    const account = { issuer: "GitHub", name: "alice@example.com", group: "Work" };
    expect(matches(account, "git")).toBe(true);
    expect(matches(account, "ALICE")).toBe(true);
    expect(matches(account, "work")).toBe(true);
    expect(matches(account, "bank")).toBe(false);
    expect(matches(account, "  ")).toBe(true);
  });

  it("computes what is left of a window", () => {
    expect(remaining(60, 30, 45)).toEqual({ seconds: 15, fraction: 0.5 });
    expect(remaining(null, null, 45)).toEqual({ seconds: 0, fraction: 0 });
  });

  it("moves an item to a new place", () => {
    expect(moved(["a", "b", "c", "d"], 0, 2)).toEqual(["b", "c", "a", "d"]);
    expect(moved(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(moved(["a", "b"], 0, 5)).toEqual(["a", "b"]);
  });

  it("gives each issuer a stable avatar", () => {
    expect(avatarHue("GitHub")).toBe(avatarHue("github"));
    expect(initial("", "élodie")).toBe("É");
  });
});
