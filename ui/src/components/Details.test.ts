import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import { account, ipc } from "../test-support";
import Details from "./Details.svelte";

describe("Details", () => {
  it("heads with the live code and Copy, and never drops edits silently", async () => {
    const calls = ipc({ edit_account: () => null });
    const handlers = { oncopy: vi.fn(), onclose: vi.fn(), ondeleted: vi.fn() };
    render(Details, { account: account(), now: Date.now() / 1000, groups: ["Work"], ...handlers });
    expect(screen.getByRole("heading", { name: "GitHub" })).toBeTruthy();
    expect(screen.getByText("123 456")).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Copy" }));
    expect(handlers.oncopy).toHaveBeenCalled();
    expect((screen.getByRole("button", { name: "Save" }) as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.input(screen.getByLabelText("Service"), { target: { value: "GitHub Enterprise" } });
    await fireEvent.click(screen.getByRole("button", { name: "Close" }));
    expect(handlers.onclose).not.toHaveBeenCalled();
    expect(screen.getByRole("alertdialog", { name: "Unsaved changes" })).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(handlers.onclose).toHaveBeenCalledWith(true, "GitHub Enterprise (alice@example.com)"));
    expect(calls.find((call) => call.cmd === "edit_account")?.args.edit).toMatchObject({ issuer: "GitHub Enterprise" });
  });

  it("shows the key in groups of four, copies it, and hides it again", async () => {
    const calls = ipc({
      reveal_key: () => "JBSWY3DPEHPK3PXP",
      copy_key: () => ({ label: "GitHub (alice@example.com)", clears_in: 30, hotp_code: null }),
    });
    render(Details, { account: account(), now: 0, oncopy: vi.fn(), onclose: vi.fn(), ondeleted: vi.fn() });
    await fireEvent.click(screen.getByRole("button", { name: "Reveal key…" }));
    expect((await screen.findByTestId("secret")).textContent).toBe("JBSW Y3DP EHPK 3PXP");
    await fireEvent.click(screen.getByRole("button", { name: "Copy key" }));
    expect((await screen.findByRole("status")).textContent).toBe("Copied — clears in 30 s");
    expect(calls.find((call) => call.cmd === "copy_key")?.args).toEqual({ id: "a1", shown: "JBSWY3DPEHPK3PXP" });
    await fireEvent.click(screen.getByRole("button", { name: "Hide key" }));
    expect(screen.queryByTestId("secret")).toBeNull();
  });
});
