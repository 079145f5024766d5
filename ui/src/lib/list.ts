// What the account list shows and in which order: search, the backup-code
// filter, drag-and-drop reordering. Free of the DOM so it is easy to test.

/** Whether an account is found by a search query (issuer, name, group). */
export function matches(account: { issuer: string; name: string; group: string | null }, query: string): boolean {
  const wanted = query.trim().toLowerCase();
  if (!wanted) return true;
  return [account.issuer, account.name, account.group ?? ""].some((field) => field.toLowerCase().includes(wanted));
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
