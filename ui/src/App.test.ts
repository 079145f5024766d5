import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { account, ipc } from "./test-support";
import App from "./App.svelte";

const settings = {
  theme: "system",
  clipboard_clear_seconds: 30,
  close_to_tray: true,
  start_at_login: false,
  shortcut: "Ctrl+Alt+O",
};

describe("App", () => {
  it("explains how to add the first account, and offers an app lock", async () => {
    ipc({
      list_accounts: () => [],
      get_settings: () => settings,
      lock_status: () => ({ enabled: false, locked: false, protected: false }),
      shortcut_way: () => ({ way: "keys" }),
    });
    render(App);
    expect(await screen.findByText("No accounts yet")).toBeTruthy();
    await fireEvent.click(await screen.findByRole("button", { name: "Set an app lock…" }));
    expect(await screen.findByRole("heading", { name: "App lock" })).toBeTruthy();
  });

  it("shows a screenful's codes first, then asks for the whole list", async () => {
    let answerWhole: (() => void) | undefined;
    const whole = new Promise<void>((resolve) => (answerWhole = resolve));
    const screenful = (count: number) =>
      Array.from({ length: count }, (_, i) => account({ id: `a${i}`, issuer: `Site ${i}` }));
    const bank = account({ id: "b2", issuer: "Bank", name: "bob", code: { ...account().code!, value: "111222" } });
    let asked = 0;
    const calls = ipc({
      list_accounts: async (args) => {
        if (args.first === undefined) return whole.then(() => [...screenful(asked), bank]);
        asked = args.first as number;
        return screenful(asked);
      },
      get_settings: () => settings,
    });
    render(App);
    expect(await screen.findByText("Site 0")).toBeTruthy();
    const firsts = calls.filter((call) => call.cmd === "list_accounts").map((call) => call.args.first);
    expect(asked).toBeGreaterThan(0);
    await waitFor(() => expect(calls.filter((call) => call.cmd === "list_accounts")).toHaveLength(2));
    expect(firsts[0]).toBe(asked);
    expect(calls.filter((call) => call.cmd === "list_accounts")[1].args.first).toBeUndefined();
    expect(screen.queryByText("Bank")).toBeNull();
    answerWhole?.();
    expect(await screen.findByText("111 222")).toBeTruthy();
    expect(calls.filter((call) => call.cmd === "check_store")).toHaveLength(1);
  });

  it("draws only the rows in view first, and those just beyond once that screen is drawn", async () => {
    const frames: FrameRequestCallback[] = [];
    const frame = vi.spyOn(window, "requestAnimationFrame").mockImplementation((callback) => frames.push(callback));
    onTestFinished(() => frame.mockRestore());
    const sites = (count: number) =>
      Array.from({ length: count }, (_, i) => account({ id: `a${i}`, issuer: `Site ${i}` }));
    ipc({
      list_accounts: (args) => sites((args.first as number | undefined) ?? 60),
      get_settings: () => settings,
    });
    render(App);
    // jsdom's window is 768 px high, a row is taken as 58 px until measured.
    expect(await screen.findByText("Site 13")).toBeTruthy();
    expect(screen.queryByText("Site 14")).toBeNull();
    await waitFor(() => expect(frames.length).toBeGreaterThan(0));
    frames.splice(0).forEach((callback) => callback(0));
    expect(await screen.findByText("Site 20")).toBeTruthy();
  });

  it("asks for no more when the first screenful is the whole list", async () => {
    const calls = ipc({ list_accounts: () => [account()], get_settings: () => settings });
    render(App);
    expect(await screen.findByText("123 456")).toBeTruthy();
    await new Promise((done) => setTimeout(done, 50));
    expect(calls.filter((call) => call.cmd === "list_accounts")).toHaveLength(1);
  });

  it("lists accounts, filters as you type, copies with Enter", async () => {
    const calls = ipc({
      list_accounts: () => [
        account(),
        account({
          id: "b2",
          issuer: "Bank",
          name: "bob",
          code: { value: "111222", next: null, valid_from: 0, valid_until: Date.now() / 1000 + 20 },
        }),
      ],
      get_settings: () => settings,
      copy_code: () => ({ label: "Bank (bob)", clears_in: 30 }),
    });
    render(App);
    expect(await screen.findByText("123 456")).toBeTruthy();
    const search = screen.getByLabelText("Search accounts");
    await fireEvent.input(search, { target: { value: "ban" } });
    await waitFor(() => expect(screen.queryByText("123 456")).toBeNull());
    await fireEvent.keyDown(search, { key: "Enter" });
    expect(await screen.findByText("Copied — clears in 30 s")).toBeTruthy();
    expect(calls.find((call) => call.cmd === "copy_code")?.args).toEqual({ id: "b2" });
  });

  it("moves the focus with the arrows: the focused row is the selection, Enter belongs to the focused control", async () => {
    const calls = ipc({
      list_accounts: () => [account(), account({ id: "b2", issuer: "Bank", name: "bob" })],
      get_settings: () => settings,
      copy_code: () => ({ label: "Bank (bob)", clears_in: 30 }),
    });
    render(App);
    await screen.findAllByText("123 456");
    const search = screen.getByLabelText("Search accounts");
    search.focus();
    await fireEvent.keyDown(search, { key: "ArrowDown" });
    expect(document.activeElement?.getAttribute("aria-label")).toBe("Copy the code of GitHub");
    await fireEvent.keyDown(document.activeElement!, { key: "ArrowDown" });
    expect(document.activeElement?.getAttribute("aria-label")).toBe("Copy the code of Bank");
    await fireEvent.keyDown(document.activeElement!, { key: "ArrowUp" });
    await fireEvent.keyDown(document.activeElement!, { key: "ArrowUp" });
    expect(document.activeElement).toBe(search);
    // Enter on another control is that control's, never a row's.
    const add = screen.getByRole("button", { name: "+ Add" });
    add.focus();
    await fireEvent.keyDown(add, { key: "Enter" });
    expect(calls.some((call) => call.cmd === "copy_code")).toBe(false);
    // A row's button copies that row (Enter and Space click a focused button).
    await fireEvent.click(screen.getByRole("button", { name: "Copy the code of Bank" }));
    await waitFor(() =>
      expect(calls.filter((call) => call.cmd === "copy_code").map((call) => call.args)).toEqual([{ id: "b2" }]),
    );
  });

  it("reorders with Alt+Down and stores the new order", async () => {
    let stored = [account(), account({ id: "b2", issuer: "Bank" }), account({ id: "c3", issuer: "Mail" })];
    const calls = ipc({
      list_accounts: () => stored,
      get_settings: () => settings,
      reorder_accounts: (args) => {
        const ids = args.ids as string[];
        stored = ids.map((id) => stored.find((entry) => entry.id === id)!);
      },
    });
    const { container } = render(App);
    await screen.findByText("Mail");
    const first = screen.getByRole("button", { name: "Copy the code of GitHub" });
    first.focus();
    await fireEvent.keyDown(first, { key: "ArrowDown", altKey: true });
    await waitFor(() =>
      expect(calls.find((call) => call.cmd === "reorder_accounts")?.args).toEqual({ ids: ["b2", "a1", "c3"] }),
    );
    await waitFor(() =>
      expect([...container.querySelectorAll("li.row")].map((row) => row.getAttribute("data-account-id"))).toEqual([
        "b2",
        "a1",
        "c3",
      ]),
    );
  });

  it("shows the list in titled sections, and filters what needs attention or a group", async () => {
    ipc({
      list_accounts: () => [
        account({ favorite: true }),
        account({ id: "b2", issuer: "Bank", group: "Money", backup_codes: { total: 10, remaining: 2 } }),
        account({ id: "c3", issuer: "Mail", backup_codes: { total: 10, remaining: 8 } }),
      ],
      get_settings: () => settings,
    });
    render(App);
    await screen.findByText("Mail");
    const titles = screen.getAllByRole("button", { expanded: true }).map((title) => title.textContent?.trim());
    expect(titles).toEqual(["Favourites 1", "Money 1", "Other 1"]);
    await fireEvent.click(screen.getByRole("button", { name: "Needs attention" }));
    await waitFor(() => expect(screen.queryByText("Mail")).toBeNull());
    expect(screen.getByText("Bank")).toBeTruthy();
    expect(screen.queryByText("GitHub")).toBeNull();
    await fireEvent.click(screen.getByRole("button", { name: "All" }));
    await fireEvent.click(screen.getByRole("button", { name: "Other 1" }));
    await waitFor(() => expect(screen.queryByText("Mail")).toBeNull());
    expect(screen.getByText("GitHub")).toBeTruthy();
  });

  it("shows a full-window explanation when the keyring is missing", async () => {
    ipc({
      list_accounts: () => {
        throw {
          kind: "keyring_unavailable",
          message: "No keyring service is running. Install and start gnome-keyring or KWallet, then try again.",
        };
      },
      get_settings: () => settings,
    });
    render(App);
    expect(await screen.findByText("Twofold cannot reach your keyring")).toBeTruthy();
    expect(screen.getByText(/Install and start gnome-keyring/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Try again" })).toBeTruthy();
  });

  it("deletes (the app itself asks first, natively) and offers Undo", async () => {
    let stored = [account()];
    const calls = ipc({
      list_accounts: () => stored,
      get_settings: () => settings,
      delete_account: () => {
        stored = [];
        return "GitHub (alice@example.com)";
      },
      undo_delete: () => {
        stored = [account()];
      },
    });
    render(App);
    await fireEvent.click(await screen.findByRole("button", { name: "Details of GitHub" }));
    await fireEvent.click(screen.getByRole("button", { name: "Delete…" }));
    expect(await screen.findByText("Deleted GitHub (alice@example.com)")).toBeTruthy();
    expect(calls.filter((call) => call.cmd === "delete_account")).toHaveLength(1);
    await fireEvent.click(screen.getByRole("button", { name: "Undo" }));
    await waitFor(() => expect(calls.some((call) => call.cmd === "undo_delete")).toBe(true));
    expect(await screen.findByText("123 456")).toBeTruthy();
  });

  it("shows only the unlock screen while locked, then the accounts", async () => {
    let locked = true;
    ipc({
      list_accounts: () => {
        if (locked) throw { kind: "locked", message: "Twofold is locked. Unlock it with your lock password." };
        return [account()];
      },
      get_settings: () => settings,
      unlock: () => {
        locked = false;
      },
    });
    const { container } = render(App);
    const field = await screen.findByLabelText("Lock password");
    expect(container.textContent).not.toContain("GitHub");
    expect(container.textContent).not.toContain("123");
    await fireEvent.input(field, { target: { value: "correct horse" } });
    await fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
    expect(await screen.findByText("123 456")).toBeTruthy();
  });

  it("side by side from 760 px: details beside the list, another account's only once edits are saved or dropped", async () => {
    vi.stubGlobal("matchMedia", (query: string) => ({
      matches: query === "(min-width: 760px)",
      addEventListener: () => {},
    }));
    try {
      ipc({
        list_accounts: () => [account(), account({ id: "b2", issuer: "Bank", name: "bob" })],
        get_settings: () => settings,
      });
      render(App);
      await screen.findAllByText("123 456");
      await waitFor(() => expect(document.querySelector(".pick")?.textContent).toMatch(/to see its details here/));
      await fireEvent.click(screen.getByRole("button", { name: "Details of GitHub" }));
      const service = (await screen.findByLabelText("Service")) as HTMLInputElement;
      expect(service.value).toBe("GitHub");
      expect(screen.getByRole("list", { name: "Accounts" })).toBeTruthy();
      expect(document.querySelector("li[aria-current=true]")?.getAttribute("data-account-id")).toBe("a1");

      await fireEvent.input(service, { target: { value: "GitHub Work" } });
      await fireEvent.click(screen.getByRole("button", { name: "Details of Bank" }));
      expect(await screen.findByRole("alertdialog", { name: "Unsaved changes" })).toBeTruthy();
      expect((screen.getByLabelText("Service") as HTMLInputElement).value).toBe("GitHub Work");
      await fireEvent.click(screen.getByRole("button", { name: "Discard" }));
      await fireEvent.click(screen.getByRole("button", { name: "Details of Bank" }));
      await waitFor(() => expect((screen.getByLabelText("Service") as HTMLInputElement).value).toBe("Bank"));
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("lets the hidden window go only when nothing would be lost, and shows a scan that waited for it", async () => {
    const calls = ipc({
      list_accounts: () => [account()],
      get_settings: () => settings,
      take_scan_result: () => ({ kind: "no_qr_code", message: "No QR code was found on the screen." }),
    });
    render(App);
    expect(await screen.findByText("No QR code was found on the screen.")).toBeTruthy();

    await fireEvent.click(screen.getByRole("button", { name: "Details of GitHub" }));
    await fireEvent.input(await screen.findByLabelText("Service"), { target: { value: "GitHub Work" } });
    window.dispatchEvent(new Event("twofold-release"));
    await new Promise((done) => setTimeout(done, 0));
    expect(calls.some((call) => call.cmd === "release_window")).toBe(false);

    await fireEvent.input(screen.getByLabelText("Service"), { target: { value: "GitHub" } });
    window.dispatchEvent(new Event("twofold-release"));
    await waitFor(() => expect(calls.some((call) => call.cmd === "release_window")).toBe(true));
  });

  it("keeps only the rows near the viewport in the page, whatever the length of the list", async () => {
    const many = Array.from({ length: 1000 }, (_, n) =>
      account({ id: `id${n}`, issuer: `Service${n}`, name: `user${n}` }),
    );
    ipc({ list_accounts: () => many, get_settings: () => settings });
    render(App);
    await screen.findByText("Service0");
    const rows = () => document.querySelectorAll("ul.list li.row").length;
    expect(rows()).toBeGreaterThan(10);
    expect(rows()).toBeLessThan(60);
    const spacer = document.querySelector<HTMLElement>("ul.list li.spacer");
    expect(Number.parseFloat(spacer?.style.height ?? "0")).toBeGreaterThan(50_000);

    // Searching finds any account, drawn or not.
    await fireEvent.input(screen.getByLabelText("Search accounts"), { target: { value: "Service999" } });
    expect(await screen.findByText("Service999")).toBeTruthy();
    expect(rows()).toBe(1);
  });
});
