import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import { ipc } from "../test-support";
import KeyForm from "./KeyForm.svelte";

describe("KeyForm", () => {
  it("checks the key when the field is left, offers a fix for look-alike digits, and sends the form", async () => {
    const calls = ipc({
      check_key: (args) => {
        if (String(args.key).includes("1"))
          throw { kind: "invalid_key", message: "the setup key has an invalid character '1' at position 5" };
      },
      enter_key: () => ({ id: "p", accounts: [], notes: [] }),
    });
    const onfound = vi.fn();
    render(KeyForm, { onfound, oncancel: vi.fn() });
    const key = screen.getByLabelText("Setup key");
    await fireEvent.input(key, { target: { value: "JBSW1" } });
    expect(calls.some((call) => call.cmd === "check_key")).toBe(false);
    await fireEvent.blur(key);
    expect(await screen.findByText(/invalid character '1' at position 5/)).toBeTruthy();
    expect((screen.getByRole("button", { name: "Continue" }) as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByRole("button", { name: "Use JBSWI" }));
    await waitFor(() => expect(screen.queryByText(/invalid character/)).toBeNull());
    await fireEvent.input(key, { target: { value: "jbsw y3dp ehpk 3pxp" } });
    await fireEvent.input(screen.getByLabelText("Account name"), { target: { value: "alice" } });
    await fireEvent.click(screen.getByRole("button", { name: "Continue" }));
    await waitFor(() => expect(onfound).toHaveBeenCalled());
    expect(calls.find((call) => call.cmd === "enter_key")?.args.form).toMatchObject({
      name: "alice",
      key: "jbsw y3dp ehpk 3pxp",
      kind: "totp",
      digits: 6,
    });
  });
});
