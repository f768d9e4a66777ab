import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import KeepCopyOffer from "./KeepCopyOffer.svelte";
import { i18n } from "../lib/i18n/index.svelte";
import { nl } from "../lib/i18n/nl";
import { navigation } from "../lib/navigation.svelte";

describe("KeepCopyOffer", () => {
  it("leads to Keep a copy in the settings", async () => {
    i18n.set("nl");
    navigation.go({ screen: "module", moduleId: "good-enough" });
    render(KeepCopyOffer);
    expect(screen.getByTestId("keep-copy-offer").textContent).toContain(nl.backup.keepCopyText);
    await fireEvent.click(screen.getByTestId("keep-copy"));
    expect(navigation.route).toEqual({ screen: "settings", section: "backup" });
  });
});
