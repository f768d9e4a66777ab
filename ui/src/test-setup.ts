// Both languages' words at hand, as after a switch in the app: a test that switches to English
// sees it at once.
import { i18n } from "./lib/i18n/index.svelte";

await i18n.load("en");

// jsdom has no <dialog> methods yet; the browser's behaviour that matters here is `open`.
if (typeof HTMLDialogElement !== "undefined") {
  const proto = HTMLDialogElement.prototype;
  if (typeof proto.showModal !== "function") {
    proto.showModal = function (this: HTMLDialogElement) {
      this.setAttribute("open", "");
    };
  }
  if (typeof proto.close !== "function") {
    proto.close = function (this: HTMLDialogElement) {
      if (!this.hasAttribute("open")) return;
      this.removeAttribute("open");
      this.dispatchEvent(new Event("close"));
    };
  }
}
