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
