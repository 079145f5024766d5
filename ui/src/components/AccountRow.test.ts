import { fireEvent, render, screen } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import { account } from "../test-support";
import AccountRow from "./AccountRow.svelte";

const handlers = { oncopy: vi.fn(), ondetails: vi.fn() };

describe("AccountRow", () => {
  it("shows the code grouped, the next code and the countdown", () => {
    render(AccountRow, { account: account(), now: Date.now() / 1000, ...handlers });
    expect(screen.getByText("123 456")).toBeTruthy();
    expect(screen.getByLabelText("next code").textContent).toBe("next 654 321");
    expect(screen.getByRole("img").getAttribute("aria-label")).toMatch(/^(19|20) seconds left$/);
  });

  it("renders crafted names as text, never as HTML", () => {
    const evil = "<img src=x onerror=alert(1)>";
    const { container } = render(AccountRow, {
      account: account({ issuer: evil, name: "<b>bold</b>" }),
      now: 0,
      ...handlers,
    });
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("b")).toBeNull();
    expect(screen.getByText(evil)).toBeTruthy();
  });

  it("copies on click; HOTP shows the code last made, or a hint, and no countdown", async () => {
    const hotp = account({
      params: { kind: "hotp", algorithm: "SHA1", digits: 6, period: null, counter: 3 },
      code: null,
    });
    const { rerender } = render(AccountRow, { account: hotp, now: 0, ...handlers });
    expect(screen.getByText("Click for a new code")).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Copy the code of GitHub" }));
    expect(handlers.oncopy).toHaveBeenCalledWith(hotp);
    await rerender({ account: hotp, now: 0, hotpCode: "287082", ...handlers });
    expect(screen.getByText("287 082")).toBeTruthy();
    expect(screen.queryByText("Click for a new code")).toBeNull();
    expect(screen.queryByRole("img")).toBeNull();
  });

  it("warns when two or fewer backup codes remain, and shows errors", () => {
    const { container } = render(AccountRow, {
      account: account({
        backup_codes: { total: 10, remaining: 2 },
        code: null,
        error: { kind: "missing_secret", message: "the keyring has no secret for GitHub" },
      }),
      now: 0,
      ...handlers,
    });
    expect(container.querySelector(".badge.warn")?.textContent).toBe("2");
    expect(screen.getByRole("alert").textContent).toContain("the keyring has no secret");
  });
});
