// Shared by the component tests: accounts as the Rust side sends them, and a
// mocked IPC that records the commands called.
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach } from "vitest";
import type { AccountView } from "./lib/types";

afterEach(() => clearMocks());

export function account(overrides: Partial<AccountView> = {}): AccountView {
  return {
    id: "a1",
    issuer: "GitHub",
    name: "alice@example.com",
    group: null,
    favorite: false,
    params: { kind: "totp", algorithm: "SHA1", digits: 6, period: 30, counter: null },
    backup_codes: { total: 0, remaining: 0 },
    code: { value: "123456", next: "654321", valid_from: 0, valid_until: Date.now() / 1000 + 20 },
    error: null,
    ...overrides,
  };
}

export type Handler = (args: Record<string, unknown>) => unknown;

/** Mocks the IPC with per-command handlers; returns the log of calls. */
export function ipc(handlers: Record<string, Handler>): { cmd: string; args: Record<string, unknown> }[] {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC(
    (cmd, args) => {
      calls.push({ cmd, args: (args ?? {}) as Record<string, unknown> });
      const handler = handlers[cmd];
      if (!handler) return undefined;
      return handler((args ?? {}) as Record<string, unknown>);
    },
    { shouldMockEvents: true },
  );
  return calls;
}
