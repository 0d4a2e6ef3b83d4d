//! `microsite serve`: build, serve the output on a local address, rebuild when a file in
//! `content/` or `themes/` changes, and reload open pages.
//!
//! The files on disk are exactly what `microsite build` writes; only the responses are
//! changed while serving: the live-reload script is injected into HTML, and, since that
//! script is inline, the page's Content-Security-Policy `<meta>` is left out of them. A
//! broken edit prints its error and the last good site stays served.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, Response};
use axum::response::Redirect;
use axum::Router;
use notify::{RecursiveMode, Watcher};
use tower_http::services::{ServeDir, ServeFile};
use tower_livereload::{LiveReloadLayer, Reloader};

use crate::error::{Error, Result};
use crate::BuildOptions;

/// What `microsite serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
}

/// Builds, serves and watches until Ctrl-C.
pub fn serve(options: ServeOptions) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| Error::msg(format!("cannot start the server: {e}")))?;
    runtime.block_on(run(options))
}

/// One build, reported the way the terminal shows it. Returns whether it succeeded.
fn rebuild(options: &BuildOptions, why: &str) -> bool {
    let started = Instant::now();
    match crate::build(options) {
        Ok(report) => {
            for warning in &report.warnings {
                crate::term::warning(warning);
            }
            for notice in &report.notices {
                crate::term::notice(notice);
            }
            eprintln!("{why}: built {} pages in {} ms", report.pages, started.elapsed().as_millis());
            true
        }
        Err(e) => {
            crate::term::error(&e);
            eprintln!("{why}: build failed; still serving the last good site");
            false
        }
    }
}

async fn run(options: ServeOptions) -> Result<()> {
    let build = options.build.clone();
    let out = build.out_dir();
    // A folder the build may not replace is not served either (it may be anybody's, or the
    // project's own files).
    crate::output::outdir::check_outside_sources(&build.root, &out)?;
    drop(crate::output::outdir::OutDir::lock(&out, build.force)?);
    // The port first: if it is taken, say so before building anything.
    let listener = tokio::net::TcpListener::bind(SocketAddr::new(options.bind, options.port)).await.map_err(|e| listen_error(&options, &e))?;
    rebuild(&build, "start");
    // Serve under the path the site is published at, so that 404.html and every link
    // behave as they will on the real host.
    let base_path = published_path(&build);

    let livereload = LiveReloadLayer::new();
    let reloader = livereload.reloader();
    let files = ServeDir::new(&out).append_index_html_on_directories(true).not_found_service(ServeFile::new(out.join("404.html")));
    let app = if base_path == "/" {
        Router::new().fallback_service(files)
    } else {
        let target = base_path.clone();
        Router::new().nest_service(base_path.trim_end_matches('/'), files).route("/", axum::routing::get(move || async move { Redirect::temporary(&target) }))
    }
    .layer(axum::middleware::map_response(for_preview))
    .layer(livereload);

    let address = listener.local_addr().map_err(|e| Error::msg(e.to_string()))?;
    // Watching starts before "serving" is printed: an edit made as soon as the server
    // says it is up is seen.
    let watched: Vec<PathBuf> = ["content", "themes"].iter().map(|d| build.root.join(d)).collect();
    let changes = watch(&watched);
    eprintln!("serving {} at http://{address}{base_path} (Ctrl-C to stop)", out.display());
    // Typesetting them takes longer than the rest of a rebuild: `build` makes them.
    eprintln!("serve makes no PDF (and its pages link to none): `microsite build` makes them");
    if let Some((watcher, changes)) = changes {
        std::thread::spawn(move || rebuild_on_changes(&watcher, &changes, &build, &reloader));
    }

    serve_http(listener, app, async {
        let _ = tokio::signal::ctrl_c().await;
        eprintln!("stopping");
    })
    .await;
    // Open pages hold their live-reload stream open: give requests a moment, then go.
    tokio::time::sleep(Duration::from_millis(500)).await;
    Ok(())
}

/// Why the server cannot listen, and, if the port is taken, what to do.
fn listen_error(options: &ServeOptions, e: &std::io::Error) -> Error {
    let mut message = format!("cannot listen on {}: {e}", SocketAddr::new(options.bind, options.port));
    if e.kind() == std::io::ErrorKind::AddrInUse {
        message.push_str(&format!(
            "\n  the port is taken (another `microsite serve`?): pass --port 0 for any free port, or another one, e.g. --port {}",
            options.port.wrapping_add(1).max(1024)
        ));
    }
    Error::msg(message)
}

/// How long a client may take to send a request's headers before its connection is
/// closed: a client that opens connections and sends nothing cannot hold them.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(5);

/// Serves `app` on `listener` until `stop` completes: HTTP/1.1 (with upgrades, for the
/// live-reload stream), each connection closed if its request headers take longer than
/// [`HEADER_TIMEOUT`] (which `axum::serve` cannot set).
async fn serve_http(listener: tokio::net::TcpListener, app: Router, stop: impl std::future::Future<Output = ()>) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let mut stop = std::pin::pin!(stop);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors, or a connection reset before it was accepted.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut stop => return,
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service)
                .with_upgrades()
                .await;
        });
    }
}

/// The path part of the site's base URL (`/reports/annual/`), or `/`.
fn published_path(build: &BuildOptions) -> String {
    // Any submission's settings carry the site-wide base URL.
    let submission = crate::load::config::submissions(&build.root).ok().and_then(|s| s.into_iter().next()).unwrap_or_else(crate::domain::Submission::single);
    let site_file = crate::load::project::display_path(&build.root, &submission.site_settings);
    let config = crate::load::config::load(&build.root, &submission).ok();
    let base = config.and_then(|c| crate::model::base_url(&c, &site_file, build.base_url.as_deref()).ok().flatten());
    base.map_or_else(|| "/".to_string(), |b| b.path)
}

/// Starts watching `dirs` (recursively): the watcher, and where it reports changes.
fn watch(dirs: &[PathBuf]) -> Option<(notify::RecommendedWatcher, mpsc::Receiver<notify::Result<notify::Event>>)> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = match notify::recommended_watcher(tx) {
        Ok(w) => w,
        Err(e) => {
            crate::term::error(format_args!("cannot watch for changes: {e}"));
            return None;
        }
    };
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        if let Err(e) = watcher.watch(dir, RecursiveMode::Recursive) {
            crate::term::error(format_args!("cannot watch {}: {e}", dir.display()));
        }
    }
    Some((watcher, rx))
}

/// After each burst of changes `rx` reports (while `_watcher` is kept alive), rebuilds and
/// reloads the browsers.
fn rebuild_on_changes(_watcher: &notify::RecommendedWatcher, rx: &mpsc::Receiver<notify::Result<notify::Event>>, build: &BuildOptions, reloader: &Reloader) {
    while let Ok(first) = rx.recv() {
        let mut changed: Vec<PathBuf> = Vec::new();
        let mut note = |event: notify::Result<notify::Event>| {
            if let Ok(event) = event {
                if !event.kind.is_access() {
                    changed.extend(event.paths);
                }
            }
        };
        note(first);
        // Editors save in several steps: wait for the burst to end.
        while let Ok(event) = rx.recv_timeout(Duration::from_millis(60)) {
            note(event);
        }
        changed.retain(|p| !is_editor_noise(p));
        changed.sort();
        changed.dedup();
        let Some(first) = changed.first() else { continue };
        let shown = first.strip_prefix(&build.root).unwrap_or(first).display().to_string();
        let why = if changed.len() == 1 { format!("{shown} changed") } else { format!("{shown} and {} more changed", changed.len() - 1) };
        if rebuild(build, &why) {
            // tower-livereload wakes only the event streams parked at that instant
            // (`Notify::notify_waiters`); a stream between two polls would miss it. A second
            // signal shortly after reaches it; a page already reloading has closed its stream.
            reloader.reload();
            std::thread::sleep(Duration::from_millis(150));
            reloader.reload();
        }
    }
}

/// Swap and backup files editors write beside the real one.
fn is_editor_noise(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    name.starts_with(".#") || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".swx") || name.ends_with(".tmp") || name == "4913"
}

/// Drops the Content-Security-Policy `<meta>` from an HTML response, so that the injected
/// (inline) live-reload script may run; and keeps browsers from caching anything: a
/// rebuild within the same second as the last would otherwise be answered "304 Not
/// Modified" (`Last-Modified` has one-second precision) and the reload show the old page.
async fn for_preview(mut response: Response<Body>) -> Response<Body> {
    response.headers_mut().remove(header::LAST_MODIFIED);
    response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    let is_html = response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024 * 1024).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let html = String::from_utf8_lossy(&bytes);
    let stripped = strip_csp_meta(&html);
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(stripped))
}

/// Removes the `<meta … http-equiv=Content-Security-Policy …>` element from a page.
pub fn strip_csp_meta(html: &str) -> String {
    let Some(at) = html.find("http-equiv=Content-Security-Policy").or_else(|| html.find("http-equiv=\"Content-Security-Policy\"")) else {
        return html.to_string();
    };
    let start = html[..at].rfind("<meta").unwrap_or(at);
    let end = html[at..].find('>').map_or(html.len(), |i| at + i + 1);
    format!("{}{}", &html[..start], &html[end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_csp_meta_is_removed_and_nothing_else() {
        let page = r#"<head><meta charset=utf-8><meta content="default-src 'self'" http-equiv=Content-Security-Policy><title>x</title>"#;
        assert_eq!(strip_csp_meta(page), "<head><meta charset=utf-8><title>x</title>");
        assert_eq!(strip_csp_meta("<p>no policy</p>"), "<p>no policy</p>");
    }

    #[test]
    fn editor_swap_files_do_not_trigger_builds() {
        assert!(is_editor_noise(Path::new("content/.#x.md")) && is_editor_noise(Path::new("a.md~")) && is_editor_noise(Path::new(".x.md.swp")));
        assert!(!is_editor_noise(Path::new("content/proposals/some-proposal.en.md")));
    }
}
