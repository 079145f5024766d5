import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import { ipc } from "../test-support";
import BackupCodes from "./BackupCodes.svelte";
import BackupPaste from "./BackupPaste.svelte";

describe("BackupPaste", () => {
  it("previews the codes found before saving, and says when it replaces", async () => {
    const calls = ipc({
      parse_backup_codes: (args) =>
        String(args.text)
          .split("\n")
          .filter((line) => /\d/.test(line)),
      save_backup_codes: () => [{ code: "1234 5678", used_at: null }],
    });
    const onsaved = vi.fn();
    render(BackupPaste, { accountId: "a1", replace: true, onsaved, oncancel: vi.fn() });
    const save = screen.getByRole("button", { name: "Replace codes" }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await fireEvent.input(screen.getByLabelText("Paste the new backup codes"), {
      target: { value: "Your codes:\n1234 5678\n2345 6789" },
    });
    expect((await screen.findByTestId("backup-preview")).textContent).toBe("1234 5678, 2345 6789");
    expect(screen.getByText("The old codes will be replaced by these 2.")).toBeTruthy();
    await fireEvent.click(save);
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(calls.find((call) => call.cmd === "save_backup_codes")?.args).toEqual({
      id: "a1",
      text: "Your codes:\n1234 5678\n2345 6789",
      replace: true,
    });
  });
});

describe("BackupCodes", () => {
  it("strikes used codes, copies, then asks whether to mark the copy used", async () => {
    let codes = [
      { code: "abcde-12345", used_at: 1_795_392_000 },
      { code: "fghij-67890", used_at: null },
    ];
    const calls = ipc({
      backup_codes: () => codes,
      copy_backup_code: () => ({ label: "GitHub", clears_in: 30 }),
      set_backup_code_used: (args) => {
        codes = codes.map((code) =>
          code.code === args.code ? { ...code, used_at: args.used ? 1_795_400_000 : null } : code,
        );
        return codes;
      },
    });
    const onchanged = vi.fn();
    const { container } = render(BackupCodes, { accountId: "a1", label: "GitHub", onchanged });
    expect(await screen.findByText("1 of 2 left")).toBeTruthy();
    expect(container.querySelector("li.used .code")?.textContent).toBe("abcde-12345");
    await fireEvent.click(screen.getByRole("button", { name: "Copy fghij-67890" }));
    const ask = await screen.findByRole("alertdialog");
    expect(ask.textContent).toContain("Copied — clears in 30 s. Mark fghij-67890 as used?");
    await fireEvent.click(screen.getAllByRole("button", { name: "Mark used" }).at(-1)!);
    expect(await screen.findByText("0 of 2 left")).toBeTruthy();
    expect(calls.find((call) => call.cmd === "set_backup_code_used")?.args).toEqual({
      id: "a1",
      code: "fghij-67890",
      used: true,
    });
    expect(onchanged).toHaveBeenCalled();
    // The tick box of a used code marks it unused again.
    const box = screen.getByRole("checkbox", { name: "abcde-12345 used" }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    await fireEvent.click(box);
    expect(await screen.findByText("1 of 2 left")).toBeTruthy();
    expect(calls.at(-1)).toEqual({ cmd: "set_backup_code_used", args: { id: "a1", code: "abcde-12345", used: false } });
  });
});

describe("BackupCodes, using them", () => {
  it("lists unused codes first, warns when two or fewer are left, and uses the next one in one click", async () => {
    let stored = [
      { code: "1111-1111", used_at: 1_700_000_000 },
      { code: "2222-2222", used_at: null },
      { code: "3333-3333", used_at: null },
    ];
    const calls = ipc({
      backup_codes: () => stored,
      copy_backup_code: () => ({ label: "GitHub", clears_in: 30, hotp_code: null }),
      set_backup_code_used: (args) => {
        stored = stored.map((code) => (code.code === args.code ? { ...code, used_at: 1_700_000_100 } : code));
        return stored;
      },
    });
    const { container } = render(BackupCodes, { accountId: "a1", label: "GitHub", onchanged: vi.fn() });
    await screen.findByText("2 of 3 left");
    expect([...container.querySelectorAll(".codes .code")].map((code) => code.textContent)).toEqual([
      "2222-2222",
      "3333-3333",
      "1111-1111",
    ]);
    expect(screen.getByRole("status").textContent).toMatch(/Only 2 left: make new ones in GitHub's security settings/);
    await fireEvent.click(screen.getByRole("button", { name: "Use next code" }));
    await screen.findByText("1 of 3 left");
    expect(calls.find((call) => call.cmd === "copy_backup_code")?.args).toEqual({ id: "a1", code: "2222-2222" });
    expect(calls.find((call) => call.cmd === "set_backup_code_used")?.args).toMatchObject({
      code: "2222-2222",
      used: true,
    });
  });
});
