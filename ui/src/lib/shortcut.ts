// The quick-pick shortcut recorder's rule: a key press becomes the text the
// global-shortcut parser reads ("Ctrl+Alt+O"), from the physical key (the
// layout-independent `code`), so what is shown is what is registered.

const MODIFIER_KEYS = ["Control", "Alt", "Shift", "Meta", "AltGraph", "OS", "Super", "Hyper"];

export type Recorded = { shortcut: string } | { hint: string } | null;

/**
 * What a key press records: a shortcut; a hint when the press cannot be one
 * (a letter alone would steal typing everywhere); null for a modifier held
 * while the rest is still to come.
 */
export function recordShortcut(
  event: Pick<KeyboardEvent, "key" | "code" | "ctrlKey" | "altKey" | "shiftKey" | "metaKey">,
): Recorded {
  if (MODIFIER_KEYS.includes(event.key)) return null;
  const key = keyName(event.code);
  if (!key) return { hint: "That key cannot be part of a shortcut. Try a letter, a digit or F1–F24." };
  const modifiers = [
    event.ctrlKey && "Ctrl",
    event.altKey && "Alt",
    event.shiftKey && "Shift",
    event.metaKey && "Super",
  ].filter((name): name is string => Boolean(name));
  const functionKey = /^F\d+$/.test(key);
  if (!functionKey && !modifiers.some((name) => name !== "Shift")) {
    return { hint: "Hold Ctrl, Alt or Super with the key, so that typing elsewhere is not taken." };
  }
  return { shortcut: [...modifiers, key].join("+") };
}

/** The parser's name of a physical key, shortest form; null for keys it lacks. */
function keyName(code: string): string | null {
  const letterOrDigit = /^(?:Key([A-Z])|Digit(\d))$/.exec(code);
  if (letterOrDigit) return letterOrDigit[1] ?? letterOrDigit[2];
  if (/^F([1-9]|1\d|2[0-4])$/.test(code)) return code;
  const named = [
    "Backquote",
    "Backslash",
    "BracketLeft",
    "BracketRight",
    "Comma",
    "Equal",
    "Minus",
    "Period",
    "Quote",
    "Semicolon",
    "Slash",
    "Space",
    "Tab",
    "Home",
    "End",
    "PageUp",
    "PageDown",
    "Insert",
    "Delete",
    "ArrowUp",
    "ArrowDown",
    "ArrowLeft",
    "ArrowRight",
    "PrintScreen",
    "Pause",
  ];
  if (named.includes(code)) return code;
  const numpad = /^Numpad(\d)$/.exec(code);
  return numpad ? `Num${numpad[1]}` : null;
}
