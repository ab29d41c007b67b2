//! Where a webhook may send: http(s) URLs whose host resolves to public addresses, unless the
//! operator's allow-list (`GLIDER_WEBHOOK_ALLOW_HOSTS`) permits a host or network.
//!
//! The check runs when a URL is saved and again on every send, because DNS can change between
//! the two: the sender's HTTP client resolves through [`GuardedResolver`], so it only ever
//! connects to an address that passed the check (a host written as an IP address is checked
//! before the request, as it is never resolved).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use ipnet::IpNet;
use url::{Host, Url};

/// Hosts and networks that may be targeted although they are not public.
#[derive(Clone, Debug, Default)]
pub struct AllowList {
    hosts: Vec<String>,
    nets: Vec<IpNet>,
}

impl AllowList {
    /// Comma-separated host names, IP addresses and CIDR networks (`127.0.0.1,10.0.0.0/8,
    /// hooks.internal`).
    pub fn parse(list: &str) -> Self {
        let mut allow = Self::default();
        for entry in list.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let bare = entry.trim_start_matches('[').trim_end_matches(']');
            if let Ok(net) = bare.parse::<IpNet>() {
                allow.nets.push(net);
            } else if let Ok(ip) = bare.parse::<IpAddr>() {
                allow.nets.push(IpNet::from(ip));
            } else {
                allow
                    .hosts
                    .push(entry.trim_end_matches('.').to_ascii_lowercase());
            }
        }
        allow
    }

    fn permits_host(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        self.hosts.contains(&host)
    }

    fn permits_ip(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        is_public(ip) || self.nets.iter().any(|net| net.contains(&ip))
    }
}

/// An IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) as the IPv4 address it is.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// True for addresses on the public internet: not private, loopback, link-local, unique-local,
/// multicast, unspecified, broadcast, shared (CGNAT), documentation or reserved, including
/// IPv4 addresses carried inside IPv6 ones (mapped, compatible, NAT64, 6to4).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_multicast()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_unspecified()
        || a == 0
        || (a == 100 && (b & 0xc0) == 64)
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (b & 0xfe) == 18)
        || a >= 240)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let s = ip.segments();
    let embedded = |high: u16, low: u16| {
        let [a, b] = high.to_be_bytes();
        let [c, d] = low.to_be_bytes();
        Ipv4Addr::new(a, b, c, d)
    };
    // `::a.b.c.d` (IPv4-compatible; also `::` and `::1`) and NAT64 `64:ff9b::a.b.c.d`.
    if s[..6] == [0; 6] || (s[0] == 0x64 && s[1] == 0xff9b && s[2..6] == [0; 4]) {
        return is_public_v4(embedded(s[6], s[7]));
    }
    // 6to4 `2002:aabb:ccdd::/48` routes to the IPv4 address aa.bb.cc.dd.
    if s[0] == 0x2002 {
        return is_public_v4(embedded(s[1], s[2]));
    }
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || ip.is_unique_local()
        || ip.is_unicast_link_local()
        || (s[0] & 0xffc0) == 0xfec0
        || (s[0] == 0x2001 && s[1] == 0x0db8)
        || (s[0] == 0x2001 && s[1] < 0x0200)
        || (s[0] == 0x0100 && s[1..4] == [0; 3]))
}

/// Parses a webhook URL: absolute, http or https, with a host, at most 2,048 characters.
pub fn parse_url(raw: &str) -> Result<Url, String> {
    if raw.chars().count() > 2048 {
        return Err("Ensure this field has no more than 2048 characters.".to_owned());
    }
    let url = Url::parse(raw.trim()).map_err(|_| "Enter a valid URL.".to_owned())?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("Only http and https URLs can receive webhooks.".to_owned());
    }
    if url.host().is_none() {
        return Err("Enter a valid URL.".to_owned());
    }
    Ok(url)
}

/// Why a target was refused, for a person.
fn refused(host: &str) -> String {
    format!(
        "{host} is a private, loopback, link-local or reserved address; webhooks may only \
         target public addresses unless GLIDER_WEBHOOK_ALLOW_HOSTS permits it."
    )
}

/// The addresses of `host` a webhook may connect to; an error names why there are none.
pub async fn permitted_addresses(
    allow: &AllowList,
    host: &str,
    port: u16,
) -> Result<Vec<SocketAddr>, String> {
    let resolved: Vec<SocketAddr> = tokio::net::lookup_host((host, port))
        .await
        .map_err(|_| format!("The host {host} could not be resolved."))?
        .collect();
    let trusted = allow.permits_host(host);
    let permitted: Vec<SocketAddr> = resolved
        .iter()
        .copied()
        .filter(|addr| trusted || allow.permits_ip(addr.ip()))
        .collect();
    if permitted.is_empty() {
        return Err(if resolved.is_empty() {
            format!("The host {host} could not be resolved.")
        } else {
            refused(host)
        });
    }
    Ok(permitted)
}

/// Checks a target before it is saved or sent to: the host, or every address it resolves to
/// that would be used, must be permitted.
pub async fn check(allow: &AllowList, url: &Url) -> Result<(), String> {
    let port = url.port_or_known_default().unwrap_or(80);
    match url.host() {
        Some(Host::Ipv4(ip)) => check_ip(allow, IpAddr::V4(ip), &ip.to_string()),
        Some(Host::Ipv6(ip)) => check_ip(allow, IpAddr::V6(ip), &format!("[{ip}]")),
        Some(Host::Domain(domain)) => permitted_addresses(allow, domain, port).await.map(|_| ()),
        None => Err("Enter a valid URL.".to_owned()),
    }
}

fn check_ip(allow: &AllowList, ip: IpAddr, shown: &str) -> Result<(), String> {
    if allow.permits_ip(ip) {
        Ok(())
    } else {
        Err(refused(shown))
    }
}

/// The sender's DNS resolver: resolves as usual and keeps only permitted addresses, so the
/// connection goes to an address that was checked a moment ago.
#[derive(Clone, Debug)]
pub struct GuardedResolver {
    pub allow: AllowList,
}

impl object_store_reqwest::dns::Resolve for GuardedResolver {
    fn resolve(
        &self,
        name: object_store_reqwest::dns::Name,
    ) -> object_store_reqwest::dns::Resolving {
        let allow = self.allow.clone();
        let host = name.as_str().to_owned();
        Box::pin(async move {
            // Port 0: reqwest puts the URL's port in.
            let addresses = permitted_addresses(&allow, &host, 0).await.map_err(
                |message| -> Box<dyn std::error::Error + Send + Sync> { message.into() },
            )?;
            let addresses: object_store_reqwest::dns::Addrs = Box::new(addresses.into_iter());
            Ok(addresses)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public(ip: &str) -> bool {
        is_public(ip.parse().unwrap())
    }

    #[test]
    fn private_and_special_addresses_are_not_public() {
        for ip in [
            "10.0.0.1",
            "172.16.0.1",
            "192.168.1.1",
            "127.0.0.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fe80::1",
            "fc00::1",
            "fd12:3456::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
            "64:ff9b::a00:1",
            "2002:a00:1::1",
            "2001:db8::1",
        ] {
            assert!(!public(ip), "{ip} should not be public");
        }
        for ip in [
            "93.184.216.34",
            "1.1.1.1",
            "2606:4700::1111",
            "::ffff:1.1.1.1",
        ] {
            assert!(public(ip), "{ip} should be public");
        }
    }

    #[test]
    fn the_allow_list_takes_hosts_addresses_and_networks() {
        let allow = AllowList::parse(" 127.0.0.1, 10.1.0.0/16 ,[::1], Hooks.Internal ");
        assert!(allow.permits_ip("127.0.0.1".parse().unwrap()));
        assert!(allow.permits_ip("::ffff:127.0.0.1".parse().unwrap()));
        assert!(allow.permits_ip("10.1.2.3".parse().unwrap()));
        assert!(!allow.permits_ip("10.2.0.1".parse().unwrap()));
        assert!(allow.permits_ip("::1".parse().unwrap()));
        assert!(allow.permits_host("hooks.internal."));
        assert!(!allow.permits_host("localhost"));
    }

    #[test]
    fn only_http_urls_with_a_host_are_accepted() {
        assert!(parse_url("https://example.com/hook").is_ok());
        assert!(parse_url("ftp://example.com/").is_err());
        assert!(parse_url("file:///etc/passwd").is_err());
        assert!(parse_url("not a url").is_err());
    }
}
