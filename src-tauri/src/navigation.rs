//! Only the app's own pages may load in the window. A link, a form or a script that
//! sends the webview elsewhere (a foreign site would get the IPC bridge of a page that
//! can read and change drafts) is refused before anything is requested; the citizen's
//! own browser is the place for the web.

use tauri::plugin::TauriPlugin;
use tauri::{Runtime, Url};

/// Where the app's own pages are served from: `tauri://localhost` (Linux, macOS) and
/// `http(s)://tauri.localhost` (Windows, Android).
const OWN_ORIGINS: &[(&str, &str)] = &[
    ("tauri", "localhost"),
    ("http", "tauri.localhost"),
    ("https", "tauri.localhost"),
];

/// The isolation pattern's frame (`ui/isolation`) has a scheme of its own per build,
/// `isolation-<uuid>`: Tauri lets `isolation-<uuid>://localhost` through before this
/// guard is asked; where the frame is served as `http(s)://isolation-<uuid>.localhost`
/// (Windows), the guard lets it through itself.
fn is_isolation_frame(scheme: &str, host: &str) -> bool {
    let is_frame_name = |name: &str| {
        name.strip_prefix("isolation-").is_some_and(|id| {
            id.len() == 36 && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
        })
    };
    match scheme {
        "http" | "https" => host.strip_suffix(".localhost").is_some_and(is_frame_name),
        _ => host == "localhost" && is_frame_name(scheme),
    }
}

/// Whether `url` is one of the app's own pages: scheme and host of an own origin, with
/// no port and no user info (which a look-alike could carry).
pub fn is_own_origin(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    url.port().is_none()
        && url.username().is_empty()
        && url.password().is_none()
        && (OWN_ORIGINS
            .iter()
            .any(|(scheme, own)| url.scheme() == *scheme && host == *own)
            || is_isolation_frame(url.scheme(), host))
}

/// The plugin that refuses every navigation away from [`is_own_origin`]. Only the
/// scheme is logged: the rest of a URL may carry what a citizen typed.
pub fn guard<R: Runtime>() -> TauriPlugin<R> {
    tauri::plugin::Builder::new("navigation-guard")
        .on_navigation(|_webview, url| {
            let allowed = is_own_origin(url);
            if !allowed {
                tracing::warn!(scheme = url.scheme(), "navigation-refused");
            }
            allowed
        })
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_apps_own_origins_are_allowed() {
        for own in [
            "tauri://localhost/",
            "tauri://localhost/index.html#catalog",
            "http://tauri.localhost/",
            "https://tauri.localhost/assets/app.js",
            "isolation-6a4f0c9e-1b2d-4e5f-8a9b-0c1d2e3f4a5b://localhost/index.html",
            "http://isolation-6a4f0c9e-1b2d-4e5f-8a9b-0c1d2e3f4a5b.localhost/",
        ] {
            assert!(is_own_origin(&Url::parse(own).expect("url")), "{own}");
        }
        for foreign in [
            "http://127.0.0.1:8080/",
            "https://example.org/",
            "file:///etc/passwd",
            "about:blank",
            "data:text/html,hi",
            "javascript:alert(1)",
            "tauri://localhost.example.org/",
            "http://tauri.localhost.example.org/",
            "http://tauri.localhost:8080/",
            "http://user@tauri.localhost/",
            "https://localhost/",
            "ipc://localhost/get_app_view",
            "isolation-evil://localhost/",
            "http://isolation-6a4f0c9e-1b2d-4e5f-8a9b-0c1d2e3f4a5b.localhost.example.org/",
            "isolation-6a4f0c9e-1b2d-4e5f-8a9b-0c1d2e3f4a5b://example.org/",
        ] {
            assert!(
                !is_own_origin(&Url::parse(foreign).expect("url")),
                "{foreign}"
            );
        }
    }
}
