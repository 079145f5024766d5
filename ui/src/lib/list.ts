// What the account list shows and in which order: search, the filter bar,
// sections, drag-and-drop reordering. Free of the DOM so it is easy to test.

/** Whether an account is found by a search query (issuer, name, group). */
export function matches(account: { issuer: string; name: string; group: string | null }, query: string): boolean {
  const wanted = query.trim().toLowerCase();
  if (!wanted) return true;
  return [account.issuer, account.name, account.group ?? ""].some((field) => field.toLowerCase().includes(wanted));
}

type Listed = {
  favorite: boolean;
  group: string | null;
  backup_codes: { total: number; remaining: number };
  error: unknown;
};

/** What the filter bar can show: everything, favourites, one group, or what needs the user. */
export type Filter = { kind: "all" } | { kind: "favourites" } | { kind: "attention" } | { kind: "group"; name: string };

/** Two or fewer backup codes left, or no usable secret. */
export function needsAttention(account: Listed): boolean {
  const { total, remaining } = account.backup_codes;
  return (total > 0 && remaining <= 2) || account.error !== null;
}

export function passes(account: Listed, filter: Filter): boolean {
  switch (filter.kind) {
    case "all":
      return true;
    case "favourites":
      return account.favorite;
    case "attention":
      return needsAttention(account);
    case "group":
      return account.group === filter.name;
  }
}

/** The filters worth offering for these accounts: All, then those that would show something. */
export function filtersFor(accounts: Listed[]): Filter[] {
  const groups = [...new Set(accounts.flatMap((account) => (account.group ? [account.group] : [])))].sort((a, b) =>
    a.localeCompare(b),
  );
  return [
    { kind: "all" },
    ...(accounts.some((account) => account.favorite) ? [{ kind: "favourites" } as const] : []),
    ...groups.map((name) => ({ kind: "group", name }) as const),
    ...(accounts.some(needsAttention) ? [{ kind: "attention" } as const] : []),
  ];
}

export function filterLabel(filter: Filter): string {
  switch (filter.kind) {
    case "all":
      return "All";
    case "favourites":
      return "Favourites";
    case "attention":
      return "Needs attention";
    case "group":
      return filter.name;
  }
}

/**
 * The list cut into its sections, in display order (favourites, each group,
 * the rest): runs of accounts under one title, with the index of each run's
 * first account.
 */
export function sections<T extends Listed>(accounts: T[]): { title: string; start: number; accounts: T[] }[] {
  const runs: { title: string; start: number; accounts: T[] }[] = [];
  accounts.forEach((account, index) => {
    const title = account.favorite ? "Favourites" : (account.group ?? "Other");
    const last = runs.at(-1);
    if (last && last.title === title) last.accounts.push(account);
    else runs.push({ title, start: index, accounts: [account] });
  });
  return runs;
}

/** The ids in a new order after moving the item at `from` to `to`. */
export function moved(ids: string[], from: number, to: number): string[] {
  const order = [...ids];
  if (from < 0 || from >= order.length || to < 0 || to >= order.length) return order;
  const [item] = order.splice(from, 1);
  order.splice(to, 0, item!);
  return order;
}
