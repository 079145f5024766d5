import { describe, expect, it } from "vitest";
import { lookalikeFix } from "./setup-key";

describe("setup-key", () => {
  it("turns look-alike digits into the letters a base32 key has", () => {
    expect(lookalikeFix("JBSW Y3DP EHPK 3PXP")).toBeNull();
    expect(lookalikeFix("JBSW Y3DP 0HPK 1PX8")).toBe("JBSW Y3DP OHPK IPXB");
  });
});
