import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import { ipc } from "../test-support";
import ImportView from "./ImportView.svelte";

const found = { id: "p1", accounts: [], notes: [] };

describe("ImportView", () => {
  it("asks for the password, says when it is wrong, then imports", async () => {
    let tries = 0;
    const calls = ipc({
      import_formats: () => [["aegis", "Aegis (or a Twofold backup)"]],
      import_file: () => {
        tries += 1;
        if (tries === 1) throw { kind: "wrong_password", message: "Wrong password for this export" };
        return found;
      },
    });
    const onfound = vi.fn();
    render(ImportView, {
      file: "aegis.json",
      problem: { kind: "password_needed", message: "This export is encrypted" },
      onfound,
      oncancel: vi.fn(),
    });
    expect(screen.getByRole("heading").textContent).toBe("Import aegis.json");
    const importButton = screen.getByRole("button", { name: "Import" }) as HTMLButtonElement;
    expect(importButton.disabled).toBe(true);
    await fireEvent.input(screen.getByLabelText("Password"), { target: { value: "nope" } });
    await fireEvent.click(importButton);
    expect(await screen.findByText(/does not open this export/)).toBeTruthy();
    await fireEvent.input(screen.getByLabelText("Password"), { target: { value: "test" } });
    await fireEvent.click(importButton);
    await waitFor(() => expect(onfound).toHaveBeenCalledWith(found));
    expect(calls.filter((call) => call.cmd === "import_file").map((call) => call.args)).toEqual([
      { format: null, password: "nope" },
      { format: null, password: "test" },
    ]);
  });

  it("offers the formats when the content does not tell", async () => {
    const calls = ipc({
      import_formats: () => [
        ["andotp", "andOTP"],
        ["stratum", "Stratum / Authenticator Pro"],
      ],
      import_file: () => found,
    });
    render(ImportView, {
      file: "backup.bin",
      problem: { kind: "unknown_format", message: "This file is not an export Twofold can read" },
      onfound: vi.fn(),
      oncancel: vi.fn(),
    });
    expect(screen.getByRole("alert").textContent).toContain("not an export Twofold can read");
    await screen.findByRole("option", { name: "andOTP" });
    await fireEvent.change(screen.getByLabelText("Format"), { target: { value: "andotp" } });
    await fireEvent.click(screen.getByRole("button", { name: "Import" }));
    await waitFor(() =>
      expect(calls.find((call) => call.cmd === "import_file")?.args).toEqual({ format: "andotp", password: null }),
    );
  });

  it("can be cancelled while the password is worked out, and then keeps nothing", async () => {
    let finish: (value: unknown) => void = () => {};
    const calls = ipc({
      import_formats: () => [],
      import_file: () => new Promise((resolve) => (finish = resolve)),
      discard_pending: () => null,
    });
    const onfound = vi.fn();
    const oncancel = vi.fn();
    render(ImportView, { file: "vault.json", problem: { kind: "password_needed", message: "" }, onfound, oncancel });
    await fireEvent.input(screen.getByLabelText("Password"), { target: { value: "slow" } });
    await fireEvent.click(screen.getByRole("button", { name: "Import" }));
    expect(screen.getByRole("button", { name: "Reading…" })).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(oncancel).toHaveBeenCalled();
    finish(found);
    await waitFor(() => expect(calls.some((call) => call.cmd === "discard_pending")).toBe(true));
    expect(calls.find((call) => call.cmd === "discard_pending")?.args).toEqual({ id: "p1" });
    expect(onfound).not.toHaveBeenCalled();
  });
});
