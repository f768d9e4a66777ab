import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
import NetworkMap from "./NetworkMap.svelte";
import { i18n } from "../lib/i18n/index.svelte";
import { layoutRing, MAX_PER_RING, shorten } from "../lib/networkMap";
import { networkMap } from "../test/plans";

describe("NetworkMap", () => {
  it("draws the parent in the middle, people on rings by closeness, the trusted person marked", () => {
    i18n.set("nl");
    render(NetworkMap, {
      props: {
        plan: networkMap({
          close: ["Partner", "Oma"],
          further: ["Buurman"],
          professionals: ["Huisarts", "Preventiewerker"],
          child_trusted: ["oma"],
          child_trusted_knows: ["Ja"],
        }),
      },
    });
    const svg = screen.getByTestId("network-map-picture");
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.querySelector("title")?.textContent).toContain("Mijn netwerkkaart");
    expect(svg.querySelectorAll("circle.ring")).toHaveLength(3);
    const people = screen.getAllByTestId("map-person");
    expect(people.map((p) => p.textContent?.trim())).toEqual(["Partner", "Oma", "Buurman", "Huisarts", "Preventiewerker"]);
    const trusted = people.filter((p) => p.classList.contains("trusted"));
    expect(trusted.map((p) => p.textContent?.trim())).toEqual(["Oma"]);
    expect(people[0]!.classList.contains("person-close")).toBe(true);
    expect(people[3]!.classList.contains("person-professionals")).toBe(true);
    // No inline styles: the CSP is style-src 'self'.
    expect(svg.outerHTML).not.toContain("style=");

    const words = screen.getByTestId("network-map-words");
    expect(svg.getAttribute("aria-describedby")).toBe(words.id);
    expect(words.textContent).toContain("Partner, Oma");
    expect(words.textContent).toContain("Huisarts, Preventiewerker");
    expect(words.textContent).toContain("oma");
  });

  it("puts a trusted person named on no ring on the inner ring, and says who is missing", () => {
    i18n.set("en");
    render(NetworkMap, { props: { plan: networkMap({ close: ["Sam"], child_trusted: ["Teacher Anna"] }) } });
    const trusted = screen.getAllByTestId("map-person").filter((p) => p.classList.contains("trusted"));
    expect(trusted.map((p) => p.textContent?.trim())).toEqual(["Teacher Anna"]);
    expect(screen.getByTestId("network-map-words").textContent).toContain("Nobody yet");
    i18n.set("nl");
  });
});

describe("layoutRing", () => {
  it("spreads names evenly, shortens long ones and sums up the rest", () => {
    const placed = layoutRing(["a", "b", "c", "d"], 100, 250, 0, null);
    expect(placed.map((p) => [p.x, p.y])).toEqual([
      [250, 150],
      [350, 250],
      [250, 350],
      [150, 250],
    ]);
    expect(shorten("Meester Abdelkader van de basisschool")).toHaveLength(16);
    const many = layoutRing(Array.from({ length: 12 }, (_, i) => `p${i}`), 100, 250, 0, null);
    expect(many).toHaveLength(MAX_PER_RING);
    expect(many.at(-1)!.label).toBe("+5");
  });
});
