import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import { ipc } from "../test-support";
import ExportView from "./ExportView.svelte";

describe("ExportView", () => {
  it("saves an encrypted backup only with a long, repeated password", async () => {
    const calls = ipc({ export_backup: () => "/home/me/twofold-backup.json" });
    const onsaved = vi.fn();
    render(ExportView, { onclose: vi.fn(), onsaved });
    const save = screen.getByRole("button", { name: "Save…" }) as HTMLButtonElement;
    await fireEvent.input(screen.getByLabelText("Password"), { target: { value: "short" } });
    expect(screen.getByText("At least 8 characters.")).toBeTruthy();
    await fireEvent.input(screen.getByLabelText("Password"), { target: { value: "correct horse" } });
    await fireEvent.input(screen.getByLabelText("Password again"), { target: { value: "correct hose" } });
    expect(screen.getByText("The two passwords differ.")).toBeTruthy();
    expect(save.disabled).toBe(true);
    await fireEvent.input(screen.getByLabelText("Password again"), { target: { value: "correct horse" } });
    await fireEvent.click(save);
    await waitFor(() => expect(onsaved).toHaveBeenCalledWith("Encrypted backup saved to /home/me/twofold-backup.json"));
    expect(calls.find((call) => call.cmd === "export_backup")?.args).toEqual({ password: "correct horse" });
  });

  it("shows transfer codes one after another (the app confirms natively first)", async () => {
    ipc({
      export_transfer: () => ({
        codes: ["<svg>1</svg>", "<svg>2</svg>"],
        left_out: ["Steam (carol) is left out: Google Authenticator has no Steam codes."],
      }),
    });
    const onclose = vi.fn();
    render(ExportView, { onclose, onsaved: vi.fn() });
    await fireEvent.click(screen.getByLabelText(/Google Authenticator transfer codes/));
    expect(screen.getByRole("note").textContent).toMatch(/Anyone who sees these QR codes/);
    await fireEvent.click(screen.getByRole("button", { name: "Show codes" }));
    expect(await screen.findByText("1 of 2")).toBeTruthy();
    expect(screen.getByText(/Steam \(carol\) is left out/)).toBeTruthy();
    expect(screen.getByRole("img").getAttribute("src")).toBe(`data:image/svg+xml;base64,${btoa("<svg>1</svg>")}`);
    await fireEvent.click(screen.getByRole("button", { name: "Next" }));
    expect(screen.getByText("2 of 2")).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Done" }));
    expect(onclose).toHaveBeenCalled();
  });

  it("says nothing when the user cancels the app's own confirmation", async () => {
    let kind = "cancelled";
    ipc({
      export_transfer: () => {
        throw { kind, message: "Something failed." };
      },
    });
    render(ExportView, { onclose: vi.fn(), onsaved: vi.fn() });
    await fireEvent.click(screen.getByLabelText(/Google Authenticator transfer codes/));
    const show = screen.getByRole("button", { name: "Show codes" }) as HTMLButtonElement;
    await fireEvent.click(show);
    await waitFor(() => expect(show.disabled).toBe(false));
    expect(screen.queryByRole("alert")).toBeNull();
    // Any other failure is said.
    kind = "storage";
    await fireEvent.click(show);
    expect((await screen.findByRole("alert")).textContent).toBe("Something failed.");
  });
});
