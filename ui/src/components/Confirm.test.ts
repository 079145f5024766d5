import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import { ipc } from "../test-support";
import type { PendingView } from "../lib/types";
import Confirm from "./Confirm.svelte";

const params = { kind: "totp", algorithm: "SHA1", digits: 6, period: 30, counter: null } as const;
const pending: PendingView = {
  id: "p1",
  source: null,
  accounts: [
    {
      index: 0,
      issuer: "GitHub",
      name: "alice",
      params,
      already_stored: false,
      group: "Work",
      favorite: true,
      backup_codes: 2,
    },
    {
      index: 1,
      issuer: "Bank",
      name: "bob",
      params,
      already_stored: true,
      group: null,
      favorite: false,
      backup_codes: 0,
    },
  ],
  notes: ["Also found a QR code that is a web link to example.com, not a 2FA setup code."],
};

describe("Confirm", () => {
  it("shows live codes, leaves stored accounts out, adds the edited picks", async () => {
    const calls = ipc({
      pending_codes: () => [
        { value: "123456", next: "234567", valid_from: 0, valid_until: 30 },
        { value: "345678", next: null, valid_from: 0, valid_until: 30 },
      ],
      confirm_pending: () => [{ id: "a1", label: "GitHub Inc (alice)" }],
      copy_pending_code: () => ({ label: "GitHub (alice)", clears_in: 30, hotp_code: null }),
    });
    const onadded = vi.fn();
    render(Confirm, { pending, onadded, oncancel: vi.fn() });
    expect(await screen.findByText("123 456")).toBeTruthy();
    expect(screen.getByText("Already in Twofold")).toBeTruthy();
    expect(screen.getByText("★ favourite · group Work · 2 backup codes")).toBeTruthy();
    expect(screen.getAllByText("TOTP · SHA1 · 6 digits · 30 s")).toHaveLength(2);
    // The code the site asks for before it turns 2FA on, with its countdown.
    expect(screen.getAllByRole("img", { name: /seconds left$/ }).length).toBe(2);
    await fireEvent.click(screen.getAllByRole("button", { name: "Copy" })[0]!);
    expect(await screen.findByText("Copied — clears in 30 s")).toBeTruthy();
    expect(calls.find((call) => call.cmd === "copy_pending_code")?.args).toEqual({ id: "p1", index: 0 });
    const stored = screen.getByRole("checkbox", { name: "Add Bank" }) as HTMLInputElement;
    expect(stored.checked || !stored.disabled).toBe(false);
    expect(screen.getByText(/a web link to example.com/)).toBeTruthy();
    await fireEvent.input(screen.getAllByLabelText("Service")[0], { target: { value: "GitHub Inc" } });
    await fireEvent.click(screen.getByRole("button", { name: "Add" }));
    await waitFor(() => expect(onadded).toHaveBeenCalledWith([{ id: "a1", label: "GitHub Inc (alice)" }]));
    expect(calls.find((call) => call.cmd === "confirm_pending")?.args).toEqual({
      id: "p1",
      picks: [{ index: 0, issuer: "GitHub Inc", name: "alice" }],
    });
  });

  it("says how many are new and how many already stored, and picks all or none at once", async () => {
    const three: PendingView = {
      id: "p2",
      source: "2FAS",
      notes: [],
      accounts: ["A", "B", "C"].map((issuer, index) => ({
        index,
        issuer,
        name: "x",
        params,
        already_stored: issuer === "C",
        group: null,
        favorite: false,
        backup_codes: 0,
      })),
    };
    ipc({ pending_codes: () => [] });
    render(Confirm, { pending: three, onadded: vi.fn(), oncancel: vi.fn() });
    expect(screen.getByRole("heading").textContent?.trim()).toBe("Found 2 new accounts");
    expect(screen.getByText("1 already in Twofold")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Add 2 accounts" })).toBeTruthy();
    await fireEvent.click(screen.getByRole("checkbox", { name: "Select all" }));
    expect((screen.getByRole("button", { name: "Add" }) as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByRole("checkbox", { name: "Select all" }));
    expect(screen.getByRole("button", { name: "Add 2 accounts" })).toBeTruthy();
  });
});
