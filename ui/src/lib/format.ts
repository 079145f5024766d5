// How codes and names are drawn (grouping, countdown, avatars), kept free of
// the DOM so they are easy to test.

/** Groups a code for reading: 123 456, 123 4567, 1234 5678; Steam as it is. */
export function groupCode(code: string): string {
  if (!/^\d+$/.test(code) || code.length < 6) return code;
  const cut = code.length === 8 ? 4 : 3;
  return `${code.slice(0, cut)} ${code.slice(cut)}`;
}

/** A stable, pleasant hue for an issuer's avatar. */
export function avatarHue(issuer: string): number {
  let hash = 0;
  for (const char of issuer.toLowerCase()) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return hash % 360;
}

export function initial(issuer: string, name: string): string {
  const source = (issuer || name).trim();
  return source ? [...source][0]!.toUpperCase() : "?";
}

/** Seconds left in a code's window at `now` (Unix seconds), and the fraction left. */
export function remaining(
  validUntil: number | null,
  period: number | null,
  now: number,
): { seconds: number; fraction: number } {
  if (validUntil === null || !period) return { seconds: 0, fraction: 0 };
  const seconds = Math.max(0, Math.ceil(validUntil - now));
  return { seconds, fraction: Math.min(1, (validUntil - now) / period) };
}

/** An account's code parameters in one line: "TOTP · SHA1 · 6 digits · 30 s". */
export function paramsText(params: {
  kind: string;
  algorithm: string;
  digits: number;
  period: number | null;
  counter: number | null;
}): string {
  return [
    params.kind.toUpperCase(),
    params.algorithm,
    `${params.digits} digits`,
    params.period ? `${params.period} s` : "",
    params.counter !== null ? `counter ${params.counter}` : "",
  ]
    .filter(Boolean)
    .join(" · ");
}

/**
 * The message once accounts are added: their names while they fit in a
 * sentence, a count beyond; where an import came from.
 */
export function addedMessage(added: { label: string }[], source: string | null): string {
  const from = source ? ` from ${source}` : "";
  if (added.length === 0) return `Nothing new was added${from}`;
  if (added.length <= 2) return `Added ${added.map((account) => account.label).join(" and ")}${from}`;
  return `Added ${added.length} accounts${from}`;
}
