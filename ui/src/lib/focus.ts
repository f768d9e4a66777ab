// Moves focus to a screen's title when it appears, so keyboard and screen-reader users start
// at the top of the new screen instead of on a button that no longer exists.
export function focusOnMount(node: HTMLElement): void {
  queueMicrotask(() => node.focus({ preventScroll: false }));
}
