// The one line a parent types, pastes or scans to pair (houvast_protocol::Invitation):
// the server's address without "https://" and the code, e.g. houvast.ggz.example/7KQ2-M9XD-1FHT.
// Plain http (a local demo on loopback) is spelled out, as the app only accepts it there.

export function invitationLine(origin: string, code: string): string {
  const base = origin.replace(/\/+$/, "");
  return `${base.startsWith("https://") ? base.slice("https://".length) : base}/${code}`;
}
