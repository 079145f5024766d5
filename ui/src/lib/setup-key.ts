// Setup keys are base32: A–Z and 2–7. People copying one by eye type the
// digits that look like its letters.

const LOOKALIKES: Record<string, string> = { "0": "O", "1": "I", "8": "B" };

/** The key with look-alike digits turned into the letters meant, or null when there are none. */
export function lookalikeFix(key: string): string | null {
  if (!/[018]/.test(key)) return null;
  return key.replace(/[018]/g, (digit) => LOOKALIKES[digit]!);
}
