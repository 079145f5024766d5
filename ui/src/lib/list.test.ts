import { describe, expect, it } from "vitest";
import { filtersFor, matches, moved, passes, sections } from "./list";

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

  it("offers the filters that show something, and sections the list in display order", () => {
    const base = {
      favorite: false,
      group: null as string | null,
      backup_codes: { total: 0, remaining: 0 },
      error: null,
    };
    const star = { ...base, favorite: true };
    const work = { ...base, group: "Work" };
    const low = { ...base, backup_codes: { total: 10, remaining: 2 } };
    const broken = { ...base, error: { kind: "missing_secret" } };
    expect(filtersFor([base])).toEqual([{ kind: "all" }]);
    expect(filtersFor([star, work, low])).toEqual([
      { kind: "all" },
      { kind: "favourites" },
      { kind: "group", name: "Work" },
      { kind: "attention" },
    ]);
    expect([star, work, low, broken].map((account) => passes(account, { kind: "attention" }))).toEqual([
      false,
      false,
      true,
      true,
    ]);
    expect(passes(work, { kind: "group", name: "Work" })).toBe(true);
    expect(sections([star, work, low, broken]).map((run) => [run.title, run.start, run.accounts.length])).toEqual([
      ["Favourites", 0, 1],
      ["Work", 1, 1],
      ["Other", 2, 2],
    ]);
  });
});
