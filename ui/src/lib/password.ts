// The rule for a backup password, as the window checks it before asking the
// app: the core's (export::MIN_PASSWORD_LEN characters, counted as Unicode
// code points like Rust's `chars()`, not as UTF-16 units), which the app
// enforces again.

export const MIN_PASSWORD = 8;

/** What is wrong with a new password and its repetition, or "" when nothing. */
export function passwordProblem(password: string, repeated: string): string {
  if ([...password].length < MIN_PASSWORD) return `At least ${MIN_PASSWORD} characters.`;
  if (password !== repeated) return "The two passwords differ.";
  return "";
}

/**
 * A rough strength hint: length and the kinds of characters. It guides, it
 * does not forbid (the minimum length is the only rule).
 */
export function passwordStrength(password: string): "weak" | "fair" | "good" | "strong" {
  const length = [...password].length;
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((kind) => kind.test(password)).length;
  const score = (length >= 8 ? 1 : 0) + (length >= 12 ? 1 : 0) + (length >= 16 ? 1 : 0) + (kinds >= 3 ? 1 : 0);
  return (["weak", "weak", "fair", "good", "strong"] as const)[score] ?? "weak";
}
