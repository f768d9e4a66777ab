// The protocol's JavaScript twin lives with the dashboard that runs it (ui/src/protocol); the
// end-to-end tests import it from here as well. libsodium comes from ui/node_modules.
export * from "../../ui/src/protocol/houvast.mjs";
