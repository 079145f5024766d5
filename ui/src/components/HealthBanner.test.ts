import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";
import { ipc } from "../test-support";
import HealthBanner from "./HealthBanner.svelte";

describe("HealthBanner", () => {
  it("offers to restore accounts found only in the keyring, and says what else is wrong", async () => {
    const calls = ipc({ repair_store: () => 3 });
    const onrestored = vi.fn();
    render(HealthBanner, {
      health: {
        restorable: 3,
        problems: ["GitHub (alice): the secret is missing from the keyring; restore it from a backup"],
        notices: [],
      },
      onrestored,
    });
    // As displayed: source line breaks render as spaces.
    expect(screen.getByRole("alert").textContent?.replace(/\s+/g, " ")).toMatch(
      /3 accounts were found in the keyring but not in the list/,
    );
    expect(screen.getByText(/GitHub \(alice\): the secret is missing/)).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Restore" }));
    await waitFor(() => expect(onrestored).toHaveBeenCalledWith(3));
    expect(calls.map((call) => call.cmd)).toEqual(["repair_store"]);
  });

  it("shows nothing when all is well", () => {
    render(HealthBanner, { health: { restorable: 0, problems: [], notices: [] }, onrestored: vi.fn() });
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
