//! `microsite serve`: serves the build on a local port, rebuilds when a content file
//! changes, keeps serving the last good site after a bad edit, injects the reload script
//! only into responses (never into build/), and stops cleanly on Ctrl-C.

mod common;
use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    lines: mpsc::Receiver<String>,
    address: String,
    base: String,
}

impl Server {
    fn start(project: &Project) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_microsite"))
            .args(["serve", "--port", "0", "--root"])
            .arg(project.root())
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let (tx, lines) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server { child, lines, address: String::new(), base: String::new() };
        let line = server.wait_for("serving ");
        let url = line.split(" at http://").nth(1).unwrap().split(' ').next().unwrap();
        let (address, base) = url.split_at(url.find('/').unwrap());
        server.address = address.to_string();
        server.base = base.to_string();
        server
    }

    /// The next line of the server's output containing `text` (within 60 s).
    fn wait_for(&self, text: &str) -> String {
        self.wait_within(text, Duration::from_secs(60)).unwrap_or_else(|| panic!("the server never printed {text:?}"))
    }

    /// The next line of the server's output containing `text`, if one comes within `wait`.
    fn wait_within(&self, text: &str, wait: Duration) -> Option<String> {
        let deadline = Instant::now() + wait;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(text) => return Some(line),
                Ok(_) => continue,
                Err(_) => return None,
            }
        }
    }

    /// GET a path under the site's base path: (status, body).
    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(stream, "GET {}{path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.base, self.address).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let response = String::from_utf8_lossy(&response).into_owned();
        let status = response.split(' ').nth(1).unwrap().parse().unwrap();
        let body = response.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
        (status, body)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// The fixture's proposal 3, in Chinese.
const MAIN: &str = "content/proposals/drone-trials.zh-Hant.md";

#[test]
fn serve_rebuilds_on_change_survives_a_bad_edit_and_stops_on_ctrl_c() {
    let project = Project::fixture();
    let mut server = Server::start(&project);
    assert_eq!(server.base, BASE_PATH, "served under the published path");

    let (status, page) = server.get("tc/proposals/drone-trials/");
    assert_eq!(status, 200);
    assert!(page.contains("無人機配送技術日趨成熟"));
    assert!(page.contains("tower-livereload"), "the reload script is injected when serving");
    assert!(!page.contains("Content-Security-Policy"), "the inline reload script may run");
    let on_disk = std::fs::read_to_string(project.path("build/tc/proposals/drone-trials/index.html")).unwrap();
    assert!(!on_disk.contains("livereload") && on_disk.contains("Content-Security-Policy"), "build/ is what `build` writes");
    assert_eq!(server.get("no/such/page/").0, 404);

    // An edit is rebuilt and served, and the rebuild is reported with its time.
    project.edit(MAIN, |s| s.replacen("無人機配送技術日趨成熟", "無人機配送技術已經成熟", 1));
    // `serve` starts watching just after it prints "serving", on a thread of its own: an
    // edit made before the watch is in place goes unseen, so the file is written again
    // (unchanged) until a rebuild reports it.
    let mut report = None;
    for _ in 0..6 {
        report = server.wait_within("drone-trials.zh-Hant.md changed", Duration::from_secs(10));
        if report.is_some() {
            break;
        }
        project.write(MAIN, project.read(MAIN));
    }
    let report = report.expect("the server never reported the rebuild after the edit");
    assert!(report.contains("built") && report.contains(" ms"), "{report}");
    let (_, page) = server.get("tc/proposals/drone-trials/");
    assert!(page.contains("無人機配送技術已經成熟"), "the change is served");
    let (_, sc) = server.get("sc/proposals/drone-trials/");
    assert!(sc.contains("无人机配送技术已经成熟"), "and converted");

    // A broken edit: the error is shown, the last good site stays.
    project.edit(MAIN, |s| s.replacen("number: 3", "number: [3", 1));
    let error = server.wait_for("error:");
    assert!(error.contains("drone-trials.zh-Hant.md:2"), "{error}");
    server.wait_for("still serving the last good site");
    let (status, page) = server.get("tc/proposals/drone-trials/");
    assert_eq!(status, 200);
    assert!(page.contains("無人機配送技術已經成熟"));

    // Fixing it builds again.
    project.edit(MAIN, |s| s.replacen("number: [3", "number: 3", 1));
    server.wait_for("built");

    // Ctrl-C stops it cleanly.
    let pid = server.child.id().to_string();
    assert!(Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "serve did not stop on Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "exit status {status}");
}

#[test]
fn connections_that_never_finish_their_headers_are_closed_and_others_still_served() {
    let project = Project::fixture();
    let server = Server::start(&project);
    // Many clients open a connection and send half a request line, then nothing.
    let mut idle: Vec<TcpStream> = (0..200)
        .map(|_| {
            let mut stream = TcpStream::connect(&server.address).unwrap();
            stream.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
            stream
        })
        .collect();
    assert_eq!(server.get("tc/").0, 200, "the server answers while they wait");
    // Within the header timeout (5 s) and a margin, the server closes each of them.
    let deadline = Instant::now() + Duration::from_secs(12);
    for (i, stream) in idle.iter_mut().enumerate() {
        let left = deadline.saturating_duration_since(Instant::now()).max(Duration::from_millis(1));
        stream.set_read_timeout(Some(left)).unwrap();
        let mut rest = Vec::new();
        let closed = stream.read_to_end(&mut rest);
        assert!(closed.is_ok(), "connection {i} was still held open after 12 s: {closed:?}");
    }
    assert_eq!(server.get("tc/").0, 200);
}
