import { describe, expect, it } from "vitest";
import { recordShortcut } from "./shortcut";

const press = (
  code: string,
  key: string,
  modifiers: Partial<Record<"ctrlKey" | "altKey" | "shiftKey" | "metaKey", boolean>> = {},
) => recordShortcut({ code, key, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...modifiers });

describe("recordShortcut", () => {
  it("names the physical key with its modifiers, as the shortcut parser reads it", () => {
    expect(press("KeyO", "o", { ctrlKey: true, altKey: true })).toEqual({ shortcut: "Ctrl+Alt+O" });
    // A French layout's "ç" on the 9 key, with Shift: still Digit9.
    expect(press("Digit9", "ç", { ctrlKey: true, shiftKey: true })).toEqual({ shortcut: "Ctrl+Shift+9" });
    expect(press("Space", " ", { metaKey: true })).toEqual({ shortcut: "Super+Space" });
    expect(press("Numpad3", "3", { altKey: true })).toEqual({ shortcut: "Alt+Num3" });
  });

  it("takes a function key alone, but not a letter alone or with Shift only", () => {
    expect(press("F9", "F9")).toEqual({ shortcut: "F9" });
    expect(press("KeyA", "a")).toHaveProperty("hint");
    expect(press("KeyA", "A", { shiftKey: true })).toHaveProperty("hint");
  });

  it("waits while only modifiers are held, and refuses keys the parser lacks", () => {
    expect(press("ControlLeft", "Control", { ctrlKey: true })).toBeNull();
    expect(press("AltRight", "AltGraph")).toBeNull();
    expect(press("IntlBackslash", "<", { ctrlKey: true })).toHaveProperty("hint");
  });
});
