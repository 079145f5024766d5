import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password";

describe("password", () => {
  it("counts characters as the core does, not UTF-16 units", () => {
    // Seven characters, eight UTF-16 units: the core refuses it.
    expect(passwordProblem("abcdef🙂", "abcdef🙂")).toBe("At least 8 characters.");
    expect(passwordProblem("abcdefg🙂", "abcdefg🙂")).toBe("");
  });

  it("asks for the same password twice", () => {
    expect(passwordProblem("long enough", "long enougj")).toBe("The two passwords differ.");
  });
});
