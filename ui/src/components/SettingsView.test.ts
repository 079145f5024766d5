import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { emit } from "@tauri-apps/api/event";
import { describe, expect, it } from "vitest";
import { ipc } from "../test-support";
import type { Settings } from "../lib/types";
import SettingsView from "./SettingsView.svelte";

const SETTINGS: Settings = {
  theme: "system",
  clipboard_clear_seconds: 30,
  close_to_tray: true,
  start_at_login: false,
  shortcut: "Ctrl+Alt+O",
  auto_lock_seconds: 300,
  auto_backup: null,
  last_backup_at: null,
};

function renderSettings(handlers: Parameters<typeof ipc>[0] = {}) {
  const calls = ipc({
    lock_status: () => ({ enabled: false, locked: false, protected: false }),
    shortcut_way: () => ({ way: "keys" }),
    ...handlers,
  });
  const changes: Settings[] = [];
  render(SettingsView, {
    settings: SETTINGS,
    onchange: (settings: Settings) => changes.push(settings),
    onclose: () => {},
    onexport: () => {},
  });
  const saved = () => calls.filter((call) => call.cmd === "set_settings").map((call) => call.args.settings as Settings);
  return { changes, saved };
}

describe("SettingsView", () => {
  it("applies each change at once, without a Save button", async () => {
    const { changes, saved } = renderSettings();
    expect(screen.queryByRole("button", { name: "Save" })).toBeNull();
    await fireEvent.change(screen.getByLabelText("Theme"), { target: { value: "dark" } });
    await waitFor(() => expect(saved().at(-1)?.theme).toBe("dark"));
    await waitFor(() => expect(changes.at(-1)?.theme).toBe("dark"));
    await fireEvent.click(screen.getByLabelText(/Start with the system/));
    await waitFor(() => expect(saved().at(-1)).toMatchObject({ theme: "dark", start_at_login: true }));
    expect(screen.getByRole("status").textContent).toMatch(/Saved/);
  });

  it("records a shortcut from a key press, and puts the old one back when the system refuses", async () => {
    let refuse = false;
    const { saved } = renderSettings({
      set_settings: () => {
        if (refuse) throw { kind: "shortcut", message: "Ctrl+Alt+P cannot be used (another app may hold it)" };
      },
    });
    const recorder = screen.getByRole("button", { name: /Quick-pick shortcut/ });
    expect(recorder.textContent).toBe("Ctrl+Alt+O");
    await fireEvent.click(recorder);
    expect(recorder.textContent).toBe("Press the new shortcut…");
    await fireEvent.keyDown(recorder, { key: "k", code: "KeyK" });
    expect(screen.getByText(/Hold Ctrl, Alt or Super with the key/)).toBeTruthy();
    await fireEvent.keyDown(recorder, { key: "Control", code: "ControlLeft", ctrlKey: true });
    await fireEvent.keyDown(recorder, { key: "k", code: "KeyK", ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(saved().at(-1)?.shortcut).toBe("Ctrl+Shift+K"));
    expect(recorder.textContent).toBe("Ctrl+Shift+K");

    refuse = true;
    await fireEvent.click(recorder);
    await fireEvent.keyDown(recorder, { key: "p", code: "KeyP", ctrlKey: true, altKey: true });
    expect((await screen.findByRole("alert")).textContent).toMatch(/another app may hold it/);
    expect(recorder.textContent).toBe("Ctrl+Shift+K");

    refuse = false;
    await fireEvent.click(screen.getByRole("button", { name: "Turn off" }));
    await waitFor(() => expect(saved().at(-1)?.shortcut).toBe(""));
    expect(recorder.textContent).toBe("None");
  });

  it("on Wayland shows the desktop's shortcut instead of the recorder", async () => {
    renderSettings({ shortcut_way: () => ({ way: "portal", trigger: "Ctrl+Alt+T" }) });
    await waitFor(() => expect(screen.getByText(/Your desktop keeps this shortcut/)).toBeTruthy());
    expect(screen.getByText("Ctrl+Alt+T").tagName).toBe("KBD");
    expect(screen.queryByRole("button", { name: /Quick-pick shortcut/ })).toBeNull();
  });

  it("without a shortcut portal says why and what to run from a system shortcut", async () => {
    renderSettings({ shortcut_way: () => ({ way: "system", why: "this desktop offers apps no global shortcuts" }) });
    const hint = await screen.findByText(/this desktop offers apps no global shortcuts/);
    expect(hint.textContent).toMatch(/runs twofold-app --quick-pick/);
    expect(screen.queryByRole("button", { name: /Quick-pick shortcut/ })).toBeNull();
  });

  it("shows the desktop's answer when it comes while the settings are open", async () => {
    renderSettings({ shortcut_way: () => ({ way: "asking" }) });
    await screen.findByText(/Asking the desktop for the shortcut/);
    await emit("shortcut-way", { way: "portal", trigger: "Ctrl+Alt+O" });
    expect((await screen.findByText("Ctrl+Alt+O")).tagName).toBe("KBD");
  });
});
