import { describe, expect, it } from "vitest";
import { backupFilter, matches, moved } from "./list";

describe("list", () => {
  it("searches issuer, name and group, any case", () => {
    const account = { issuer: "GitHub", name: "alice@example.com", group: "Work" };
    expect(matches(account, "git")).toBe(true);
    expect(matches(account, "ALICE")).toBe(true);
    expect(matches(account, "work")).toBe(true);
    expect(matches(account, "bank")).toBe(false);
    expect(matches(account, "  ")).toBe(true);
  });

  it("moves an item to a new place", () => {
    expect(moved(["a", "b", "c", "d"], 0, 2)).toEqual(["b", "c", "a", "d"]);
    expect(moved(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(moved(["a", "b"], 0, 5)).toEqual(["a", "b"]);
  });

  it("filters by backup codes: any, or two or fewer left", () => {
    const with3 = { backup_codes: { total: 10, remaining: 3 } };
    const with2 = { backup_codes: { total: 10, remaining: 2 } };
    const none = { backup_codes: { total: 0, remaining: 0 } };
    expect([with3, with2, none].map((account) => backupFilter(account, "has"))).toEqual([true, true, false]);
    expect([with3, with2, none].map((account) => backupFilter(account, "low"))).toEqual([false, true, false]);
    expect([with3, with2, none].map((account) => backupFilter(account, "all"))).toEqual([true, true, true]);
  });
});
