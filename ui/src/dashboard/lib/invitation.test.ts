import { describe, expect, it } from "vitest";
import { invitationLine } from "./invitation";

describe("the invitation line", () => {
  it("is the address without https:// and the code", () => {
    expect(invitationLine("https://houvast.ggz.example", "7KQ2-M9XD-1FHT")).toBe("houvast.ggz.example/7KQ2-M9XD-1FHT");
    expect(invitationLine("https://houvast.ggz.example:8443/", "7KQ2-M9XD-1FHT")).toBe("houvast.ggz.example:8443/7KQ2-M9XD-1FHT");
  });

  it("spells out plain http, which the app accepts on loopback only", () => {
    expect(invitationLine("http://127.0.0.1:8080", "7KQ2-M9XD-1FHT")).toBe("http://127.0.0.1:8080/7KQ2-M9XD-1FHT");
  });
});
