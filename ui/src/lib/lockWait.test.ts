import { describe, expect, it } from "vitest";
import { formatWait, secondsLeft } from "./lockWait";

describe("the wait after wrong PINs", () => {
  const now = Date.parse("2026-11-29T20:00:00Z");

  it("counts whole seconds up to the moment, rounding up", () => {
    expect(secondsLeft("2026-11-29T20:00:40Z", now)).toBe(40);
    expect(secondsLeft("2026-11-29T20:00:00.300Z", now)).toBe(1);
  });

  it("is over when there is no wait, it has passed, or the time does not parse", () => {
    expect(secondsLeft(null, now)).toBe(0);
    expect(secondsLeft("2026-11-29T19:59:00Z", now)).toBe(0);
    expect(secondsLeft("soon", now)).toBe(0);
  });

  it("reads as minutes and seconds", () => {
    expect(formatWait(40)).toBe("0:40");
    expect(formatWait(125)).toBe("2:05");
    expect(formatWait(600)).toBe("10:00");
    expect(formatWait(0)).toBe("0:00");
  });
});
