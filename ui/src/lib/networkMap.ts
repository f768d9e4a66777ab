// Where the names of one ring of the network map go: evenly around the circle, a long name
// shortened (the full name is in the map's text version), at most MAX_PER_RING names and then
// "+N". Pure, so it is tested without a DOM.

export type Placed = { x: number; y: number; label: string; trusted: boolean };

export const MAX_PER_RING = 8;
export const MAX_LABEL = 16;

export function shorten(name: string, max = MAX_LABEL): string {
  const chars = [...name.trim()];
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max - 1).join("")}…`;
}

function same(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

/** Places `names` on a circle of `radius` around (`center`, `center`), starting at `turn`
 *  radians from the top; the name equal to `trusted` (case-insensitive) is marked. */
export function layoutRing(
  names: readonly string[],
  radius: number,
  center: number,
  turn: number,
  trusted: string | null,
): Placed[] {
  const shown = names.length > MAX_PER_RING ? names.slice(0, MAX_PER_RING - 1) : [...names];
  const labels = shown.map((n) => ({ label: shorten(n), trusted: trusted !== null && same(n, trusted) }));
  if (names.length > MAX_PER_RING) labels.push({ label: `+${names.length - shown.length}`, trusted: false });
  return labels.map((l, i) => {
    const angle = turn + (2 * Math.PI * i) / labels.length - Math.PI / 2;
    return {
      ...l,
      x: Math.round((center + radius * Math.cos(angle)) * 10) / 10,
      y: Math.round((center + radius * Math.sin(angle)) * 10) / 10,
    };
  });
}
