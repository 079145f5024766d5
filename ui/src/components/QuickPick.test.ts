import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import { account, ipc } from "../test-support";
import QuickPick from "./QuickPick.svelte";

describe("QuickPick", () => {
  it("filters as you type; Enter copies the first match and hides the window", async () => {
    const calls = ipc({
      list_accounts: () => [account(), account({ id: "b2", issuer: "Bank", name: "bob" })],
      copy_code: () => ({ label: "Bank (bob)", clears_in: 30 }),
      hide_quick_pick: () => null,
    });
    render(QuickPick);
    const search = (await screen.findByLabelText("Find an account")) as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(search));
    await screen.findByText("GitHub");
    await fireEvent.input(search, { target: { value: "ban" } });
    await waitFor(() => expect(screen.queryByText("GitHub")).toBeNull());
    await fireEvent.keyDown(search, { key: "Enter" });
    await waitFor(() => expect(calls.map((call) => call.cmd)).toContain("hide_quick_pick"));
    expect(calls.find((call) => call.cmd === "copy_code")?.args).toEqual({ id: "b2" });
  });

  it("Esc hides the window without copying", async () => {
    const calls = ipc({ list_accounts: () => [account()], hide_quick_pick: () => null });
    render(QuickPick);
    await screen.findByText("GitHub");
    await fireEvent.keyDown(window, { key: "Escape" });
    await waitFor(() => expect(calls.map((call) => call.cmd)).toContain("hide_quick_pick"));
    expect(calls.some((call) => call.cmd === "copy_code")).toBe(false);
  });

  it("lists every account, issuer and name apart, HOTP with its hint, in the chosen theme", async () => {
    const many = Array.from({ length: 12 }, (_, i) => account({ id: `a${i}`, issuer: `Site ${i}`, name: `user${i}` }));
    const hotp = account({
      id: "h",
      issuer: "Bank",
      name: "bob",
      code: null,
      params: { kind: "hotp", algorithm: "SHA1", digits: 6, period: null, counter: 3 },
    });
    ipc({
      list_accounts: () => [...many, hotp],
      get_settings: () => ({ theme: "dark" }),
    });
    render(QuickPick);
    await waitFor(() => expect(screen.getAllByRole("listitem")).toHaveLength(13));
    expect(screen.getByText("Site 11")).toBeTruthy();
    expect(screen.getByText("user11")).toBeTruthy();
    expect(screen.getByText("Enter for a new code")).toBeTruthy();
    expect(document.documentElement.dataset.theme).toBe("dark");
    // Each code with its countdown (the test accounts' codes have 20 s left).
    expect(screen.getAllByRole("img", { name: /seconds left/ })).toHaveLength(12);
    expect(screen.getAllByRole("img")[0].getAttribute("aria-label")).toMatch(/^(19|20) seconds left$/);
  });
});
