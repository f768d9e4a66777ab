import { vitePreprocess } from "@sveltejs/vite-plugin-svelte";

export default {
  preprocess: vitePreprocess(),
  compilerOptions: {
    // Styles go to a .css file: the window's CSP (style-src 'self') blocks injected <style>.
    css: "external",
  },
};
