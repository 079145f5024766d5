import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import { ipc } from "../test-support";
import AppLockSettings from "./AppLockSettings.svelte";

describe("AppLockSettings", () => {
  it("turns the lock on with a repeated password, then offers change, off and protection", async () => {
    const status = { enabled: false, locked: false, protected: false };
    const calls = ipc({
      lock_status: () => ({ ...status }),
      set_lock_password: () => {
        status.enabled = true;
      },
      protect_secrets: () => {
        status.protected = true;
      },
    });
    render(AppLockSettings);
    const password = await screen.findByLabelText("Lock password");
    await fireEvent.input(password, { target: { value: "abc" } });
    expect(screen.getByText("At least 6 characters.")).toBeTruthy();
    await fireEvent.input(password, { target: { value: "correct horse" } });
    await fireEvent.input(screen.getByLabelText("Repeat it"), { target: { value: "correct horse" } });
    await fireEvent.click(screen.getByRole("button", { name: "Turn on" }));
    await waitFor(() =>
      expect(calls.find((call) => call.cmd === "set_lock_password")?.args).toEqual({
        password: "correct horse",
        current: null,
      }),
    );
    expect(await screen.findByLabelText("Current lock password")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Turn off" })).toBeTruthy();

    await fireEvent.input(screen.getByLabelText("Lock password"), { target: { value: "correct horse" } });
    await fireEvent.click(screen.getByRole("checkbox"));
    await fireEvent.click(screen.getByRole("button", { name: "Protect secrets" }));
    await waitFor(() =>
      expect(calls.find((call) => call.cmd === "protect_secrets")?.args).toEqual({
        password: "correct horse",
        haveBackup: true,
      }),
    );
    expect(await screen.findByRole("button", { name: "Stop protecting" })).toBeTruthy();
  });
});
