import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import { ipc } from "../test-support";
import LockScreen from "./LockScreen.svelte";

describe("LockScreen", () => {
  it("unlocks with the password, and says so when it is wrong", async () => {
    let tries = 0;
    const calls = ipc({
      unlock: () => {
        tries += 1;
        if (tries === 1) throw { kind: "wrong_password", message: "That is not the lock password." };
      },
    });
    const onunlocked = vi.fn();
    render(LockScreen, { onunlocked, onforgot: vi.fn() });
    const field = screen.getByLabelText("Lock password");
    await waitFor(() => expect(document.activeElement).toBe(field));
    await fireEvent.input(field, { target: { value: "wrong horse" } });
    await fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
    expect((await screen.findByRole("alert")).textContent).toBe("That is not the lock password.");
    expect((field as HTMLInputElement).value).toBe("");
    expect(onunlocked).not.toHaveBeenCalled();
    await fireEvent.input(field, { target: { value: "correct horse" } });
    await fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
    await waitFor(() => expect(onunlocked).toHaveBeenCalled());
    expect(calls.map((call) => call.args.password)).toEqual(["wrong horse", "correct horse"]);
  });

  it("starts over without the password when the user confirms (natively)", async () => {
    ipc({ forget_lock_password: () => 2 });
    const onforgot = vi.fn();
    render(LockScreen, { onunlocked: vi.fn(), onforgot });
    await fireEvent.click(screen.getByRole("button", { name: "Forgot the password?" }));
    await waitFor(() => expect(onforgot).toHaveBeenCalledWith(2));
  });

  it("stays silent when the user says no in the native dialog", async () => {
    ipc({
      forget_lock_password: () => {
        throw { kind: "cancelled", message: "Cancelled." };
      },
    });
    const onforgot = vi.fn();
    render(LockScreen, { onunlocked: vi.fn(), onforgot });
    await fireEvent.click(screen.getByRole("button", { name: "Forgot the password?" }));
    await new Promise((done) => setTimeout(done, 50));
    expect(onforgot).not.toHaveBeenCalled();
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
