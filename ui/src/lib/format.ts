// Presentation helpers, kept free of the DOM so they are easy to test.

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

/** Whether an account is found by a search query (issuer, name, group). */
export function matches(account: { issuer: string; name: string; group: string | null }, query: string): boolean {
  const wanted = query.trim().toLowerCase();
  if (!wanted) return true;
  return [account.issuer, account.name, account.group ?? ""].some((field) => field.toLowerCase().includes(wanted));
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

export type BackupFilter = "all" | "has" | "low";

/** The backup-code filter: accounts with codes, or with two or fewer left. */
export function backupFilter(
  account: { backup_codes: { total: number; remaining: number } },
  filter: BackupFilter,
): boolean {
  const { total, remaining } = account.backup_codes;
  if (filter === "has") return total > 0;
  if (filter === "low") return total > 0 && remaining <= 2;
  return true;
}

/** The ids in a new order after moving the item at `from` to `to`. */
export function moved(ids: string[], from: number, to: number): string[] {
  const order = [...ids];
  if (from < 0 || from >= order.length || to < 0 || to >= order.length) return order;
  const [item] = order.splice(from, 1);
  order.splice(to, 0, item!);
  return order;
}
