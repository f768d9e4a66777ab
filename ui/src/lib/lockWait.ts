// How long a parent waits after wrong PINs, counted down on the lock screen ("0:40").

/** Whole seconds from `now` until `waitUntil` (ISO time), never below zero; 0 without a wait. */
export function secondsLeft(waitUntil: string | null | undefined, now: number = Date.now()): number {
  if (!waitUntil) return 0;
  const until = Date.parse(waitUntil);
  if (Number.isNaN(until)) return 0;
  return Math.max(0, Math.ceil((until - now) / 1000));
}

/** 40 → "0:40", 125 → "2:05", 600 → "10:00". */
export function formatWait(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
