// Brotli twins of the dashboard's text files, embedded beside them by the server, which sends
// them to browsers that accept `br` (every current one does).
import { brotliCompressSync, constants } from "node:zlib";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("../dist-dashboard/", import.meta.url).pathname;
const compressible = /\.(html|js|mjs|css|svg|txt|json|wasm)$/;

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (compressible.test(name)) {
      const raw = readFileSync(path);
      const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
      if (br.length < raw.length) writeFileSync(`${path}.br`, br);
    }
  }
}
walk(root);
