import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import { ipc } from "../test-support";
import AutoBackupSettings from "./AutoBackupSettings.svelte";

describe("AutoBackupSettings", () => {
  it("says how many accounts no backup holds, then turns backups on with a checked password", async () => {
    let on = false;
    const calls = ipc({
      backup_status: () =>
        on
          ? { folder: "/home/me/Sync", keep: 5, last_backup_ago: 5, not_backed_up: 0 }
          : { folder: null, keep: 10, last_backup_ago: null, not_backed_up: 3 },
      enable_auto_backup: () => ((on = true), true),
    });
    render(AutoBackupSettings);
    expect((await screen.findByText(/Off\./)).textContent).toMatch(/3 accounts are not in any backup/);
    await fireEvent.click(screen.getByRole("button", { name: "Turn on…" }));
    const choose = screen.getByRole("button", { name: "Choose folder…" }) as HTMLButtonElement;
    await fireEvent.input(screen.getByLabelText("Backup password"), { target: { value: "correct horse" } });
    await fireEvent.input(screen.getByLabelText("Password again"), { target: { value: "correct hose" } });
    expect(choose.disabled).toBe(true);
    await fireEvent.input(screen.getByLabelText("Password again"), { target: { value: "correct horse" } });
    await fireEvent.input(screen.getByLabelText("Backups to keep"), { target: { value: "5" } });
    await fireEvent.click(choose);
    await waitFor(() => expect(screen.getByText(/Last backup: just now/)).toBeTruthy());
    expect(screen.getByText("/home/me/Sync")).toBeTruthy();
    expect(calls.find((call) => call.cmd === "enable_auto_backup")?.args).toEqual({
      password: "correct horse",
      keep: 5,
    });
  });
});
