//! The one line a worker gives a parent to pair: the server's address and the pairing code,
//! e.g. `houvast.ggz.example/7KQ2-M9XD-1FHT`. The same text is shown as a QR code for phones.
//!
//! Without a scheme the address is HTTPS. Plain `http://` is accepted only for loopback
//! addresses (tests, a local demo): check-ins and replies are sealed end to end, but the device
//! token and the metadata still deserve TLS on any real network.

use crate::{PairingCode, ProtocolError};
use url::{Host, Url};

/// A parsed invitation: where the server is and the single-use code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    server: Url,
    code: PairingCode,
}

/// The longest invitation read: a long host name, a path and the code.
pub const MAX_INVITATION_CHARS: usize = 300;

impl Invitation {
    pub fn new(server: Url, code: PairingCode) -> Result<Self, ProtocolError> {
        check_server(&server)?;
        Ok(Self { server, code })
    }

    /// Reads what a parent typed, pasted or scanned. Spaces around it, any case in the code and
    /// a trailing slash do not matter.
    pub fn parse(text: &str) -> Result<Self, ProtocolError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(ProtocolError::InvitationEmpty);
        }
        if text.chars().count() > MAX_INVITATION_CHARS || text.chars().any(char::is_control) {
            return Err(ProtocolError::InvitationFormat);
        }
        let text = text.trim_end_matches('/');
        let (address, code) = text
            .rsplit_once('/')
            .filter(|(address, _)| !address.is_empty() && !address.ends_with(':'))
            .ok_or(ProtocolError::InvitationFormat)?;
        let code = PairingCode::parse(code)?;
        let with_scheme = if address.contains("://") {
            address.to_string()
        } else {
            format!("https://{address}")
        };
        let server =
            Url::parse(&format!("{with_scheme}/")).map_err(|_| ProtocolError::InvitationFormat)?;
        Self::new(server, code)
    }

    /// The server's base address, ending in `/`: API paths are joined to it.
    pub fn server(&self) -> &Url {
        &self.server
    }

    pub fn code(&self) -> &PairingCode {
        &self.code
    }

    /// The line to type: `host[:port][/path]/XXXX-XXXX-XXXX`, with `http://` spelled out when
    /// the server is plain HTTP.
    pub fn display(&self) -> String {
        let base = self.server.as_str().trim_end_matches('/');
        let base = base.strip_prefix("https://").unwrap_or(base);
        format!("{base}/{}", self.code.display())
    }
}

/// The rules for a server address: HTTPS, or HTTP on a loopback address; a host; no user name,
/// password, query or fragment.
pub fn check_server(server: &Url) -> Result<(), ProtocolError> {
    let host = server.host().ok_or(ProtocolError::InvitationFormat)?;
    if !server.username().is_empty()
        || server.password().is_some()
        || server.query().is_some()
        || server.fragment().is_some()
    {
        return Err(ProtocolError::InvitationFormat);
    }
    match server.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(&host) => Ok(()),
        "http" => Err(ProtocolError::PlainHttp),
        _ => Err(ProtocolError::InvitationFormat),
    }
}

fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(name) => name.eq_ignore_ascii_case("localhost"),
        Host::Ipv4(ip) => ip.is_loopback(),
        Host::Ipv6(ip) => ip.is_loopback(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODE: &str = "7KQ2-M9XD-1FHT";

    fn code() -> String {
        // A valid code whatever the check symbol of the example: made, then displayed.
        PairingCode::generate().display()
    }

    #[test]
    fn a_typed_line_gives_an_https_server_and_the_code() {
        let c = code();
        let inv =
            Invitation::parse(&format!("  houvast.ggz.example/{}  ", c.to_lowercase())).unwrap();
        assert_eq!(inv.server().as_str(), "https://houvast.ggz.example/");
        assert_eq!(inv.code().display(), c);
        assert_eq!(inv.display(), format!("houvast.ggz.example/{c}"));
        let with_path =
            Invitation::parse(&format!("https://ggz.example:8443/houvast/{c}/")).unwrap();
        assert_eq!(
            with_path.server().as_str(),
            "https://ggz.example:8443/houvast/"
        );
        assert_eq!(with_path.display(), format!("ggz.example:8443/houvast/{c}"));
        assert_eq!(Invitation::parse(&with_path.display()).unwrap(), with_path);
    }

    #[test]
    fn plain_http_only_on_loopback() {
        let c = code();
        for ok in [
            "http://127.0.0.1:8080",
            "http://localhost:9",
            "http://[::1]:80",
        ] {
            let inv = Invitation::parse(&format!("{ok}/{c}")).unwrap();
            assert_eq!(Invitation::parse(&inv.display()).unwrap(), inv, "{ok}");
            assert!(inv.display().starts_with("http://"));
        }
        for refused in [
            "http://houvast.ggz.example",
            "http://192.168.1.4",
            "http://10.0.0.1:80",
        ] {
            assert_eq!(
                Invitation::parse(&format!("{refused}/{c}")),
                Err(ProtocolError::PlainHttp),
                "{refused}"
            );
        }
    }

    #[test]
    fn wrong_lines_are_named() {
        let c = code();
        assert_eq!(
            Invitation::parse("   "),
            Err(ProtocolError::InvitationEmpty)
        );
        assert_eq!(Invitation::parse(&c), Err(ProtocolError::InvitationFormat));
        assert_eq!(
            Invitation::parse("houvast.ggz.example/ABCD"),
            Err(ProtocolError::PairingCodeFormat)
        );
        // One symbol changed: the check symbol catches it before any request.
        let mut typo: Vec<char> = c.chars().collect();
        typo[0] = if typo[0] == '2' { '3' } else { '2' };
        let typo: String = typo.into_iter().collect();
        assert_eq!(
            Invitation::parse(&format!("houvast.ggz.example/{typo}")),
            Err(ProtocolError::PairingCodeCheck)
        );
        for bad in [
            format!("ftp://houvast.ggz.example/{c}"),
            format!("https://user:pw@houvast.ggz.example/{c}"),
            format!("houvast.ggz.example?x=1/{c}"),
            format!("https:/{c}"),
            format!("/{c}"),
            format!("houvast ggz/{c}"),
        ] {
            assert!(Invitation::parse(&bad).is_err(), "{bad}");
        }
        assert_eq!(
            Invitation::parse(&format!("{}/{CODE}", "a".repeat(400))),
            Err(ProtocolError::InvitationFormat)
        );
    }
}
