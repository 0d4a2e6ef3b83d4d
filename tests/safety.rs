//! Safe to run: a build never deletes a folder microsite did not make, never leaves half a
//! site behind one that succeeded (two builds at once wait for each other), and never
//! publishes a file from outside the project.

mod common;
use common::*;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

fn microsite(project: &Project, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_microsite"));
    command.args(args).arg("--root").arg(project.root());
    command
}

/// The files beside `build/` that a build left (staging, retired or lock files).
fn leftovers(root: &Path) -> Vec<String> {
    std::fs::read_dir(root).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).filter(|n| n.starts_with(".build")).collect()
}

#[test]
fn a_folder_microsite_did_not_make_is_not_replaced_without_force() {
    let project = Project::fixture();
    let victim = tempfile::tempdir().unwrap();
    std::fs::write(victim.path().join("letter.txt"), "keep me").unwrap();
    std::fs::create_dir(victim.path().join("photos")).unwrap();
    std::fs::write(victim.path().join("photos/a.jpg"), "jpeg").unwrap();
    let before = snapshot(victim.path());
    let out = victim.path().to_str().unwrap();

    let refused = project.run(&["build", "--out", out]);
    let err = stderr(&refused);
    assert!(!refused.status.success(), "{err}");
    assert!(err.contains("not made by microsite") && err.contains("--force"), "says what to do:\n{err}");
    assert!(snapshot(victim.path()) == before, "the folder was touched");
    let refused = project.run(&["serve", "--port", "0", "--out", out]);
    assert!(!refused.status.success() && stderr(&refused).contains("not made by microsite"), "serve refuses it too:\n{}", stderr(&refused));
    assert!(snapshot(victim.path()) == before, "serve touched the folder");

    let forced = project.run(&["build", "--force", "--out", out]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(victim.path().join(".microsite-output").is_file() && !victim.path().join("letter.txt").exists());
    // Made by microsite now: the next build replaces it without --force.
    assert!(project.run(&["build", "--out", out]).status.success());
}

#[test]
fn an_empty_folder_may_be_the_output_and_a_file_never_is() {
    let project = Project::fixture();
    let empty = tempfile::tempdir().unwrap();
    let built = project.run(&["build", "--out", empty.path().to_str().unwrap()]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(empty.path().join("tc/index.html").is_file());

    let file = project.path("notes.txt");
    std::fs::write(&file, "my notes").unwrap();
    for force in [false, true] {
        let mut args = vec!["build", "--out", "notes.txt"];
        if force {
            args.push("--force");
        }
        let refused = project.run(&args);
        assert!(!refused.status.success());
        assert!(stderr(&refused).contains("notes.txt: --out names a file"), "{}", stderr(&refused));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "my notes");
    }
}

#[test]
fn builds_at_the_same_time_into_one_output_never_leave_an_incomplete_site() {
    let project = Project::fixture();
    let complete = snapshot(&project.build());
    for pair in 0..10 {
        let children: Vec<_> = (0..2).map(|_| microsite(&project, &["build"]).stderr(Stdio::piped()).spawn().unwrap()).collect();
        for child in children {
            let result = child.wait_with_output().unwrap();
            assert!(result.status.success(), "pair {pair}: {}", stderr(&result));
        }
        let now = snapshot(&project.path("build"));
        assert_eq!(now.len(), complete.len(), "pair {pair}: {} files instead of {}", now.len(), complete.len());
        assert!(now == complete, "pair {pair}: the site differs from a build made alone");
        assert_eq!(leftovers(project.root()), Vec::<String>::new(), "pair {pair}");
    }
}

#[test]
fn a_build_waits_for_the_lock_another_process_holds_and_says_so() {
    let project = Project::fixture();
    project.build();
    let lock = std::fs::File::create(project.path(".build.lock")).unwrap();
    lock.lock().unwrap();
    let mut child = microsite(&project, &["build"]).stderr(Stdio::piped()).spawn().unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    assert!(first.starts_with("waiting:") && first.contains(".build.lock"), "{first}");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(child.try_wait().unwrap().is_none(), "the build went on while the lock was held");
    drop(lock);
    let rest: Vec<String> = lines.map(Result::unwrap).collect();
    assert!(child.wait().unwrap().success(), "{rest:?}");
    assert!(rest.iter().any(|l| l.starts_with("built ")), "{rest:?}");
}

#[test]
fn folders_an_interrupted_build_left_are_removed_by_the_next_and_nothing_else() {
    let project = Project::fixture();
    project.build();
    for stale in [".build.new-1-2", ".build.old-3-4"] {
        project.write(&format!("{stale}/tc/index.html"), "half a site");
        project.write(&format!("{stale}/.microsite-output"), "made by a build");
    }
    // Named like a build's folder, but without its marker, or not quite its name: kept.
    for theirs in [".build.newsletter/letter.txt", ".build.old/notes.txt", ".build.new-1-2x/a.txt"] {
        project.write(theirs, "keep me");
    }
    project.build();
    let mut left = leftovers(project.root());
    left.sort();
    assert_eq!(left, [".build.new-1-2x", ".build.newsletter", ".build.old"]);
}

#[cfg(unix)]
mod links {
    use super::*;
    use std::os::unix::fs::symlink;

    /// A secret outside the project, linked into it at `rel`: the build fails naming the
    /// link, and nothing of the secret reaches the output.
    fn link_out_is_refused(rel: &str, prepare: impl FnOnce(&Project)) {
        let project = Project::fixture();
        let out = project.build();
        let before = snapshot(&out);
        let secret = tempfile::tempdir().unwrap();
        let target = secret.path().join("secret.png");
        std::fs::write(&target, "SECRET=hunter2").unwrap();
        prepare(&project);
        std::fs::create_dir_all(project.path(rel).parent().unwrap()).unwrap();
        symlink(&target, project.path(rel)).unwrap();
        let result = project.run(&["build"]);
        let err = stderr(&result);
        assert!(!result.status.success(), "{err}");
        assert!(err.contains(&format!("{rel}: is a link to")) && err.contains("outside the project"), "{err}");
        assert!(snapshot(&out) == before, "build/ changed");
        assert!(!snapshot(&out).values().any(|bytes| String::from_utf8_lossy(bytes).contains("hunter2")));
    }

    #[test]
    fn a_share_image_linked_from_outside_the_project() {
        link_out_is_refused("content/share.png", |p| p.edit("content/site.yaml", |s| format!("share_image: share.png\n{s}")));
    }

    #[test]
    fn a_proposal_linked_from_outside_the_project() {
        link_out_is_refused("content/proposals/leak.en.md", |_| {});
    }

    #[test]
    fn a_theme_file_linked_from_outside_the_project() {
        link_out_is_refused("themes/default/static/leak.png", |_| {});
    }

    #[test]
    fn the_environment_of_the_build_is_never_published() {
        let project = Project::fixture();
        project.edit("content/site.yaml", |s| format!("share_image: share.png\n{s}"));
        symlink("/proc/self/environ", project.path("content/share.png")).unwrap();
        let result = project.run(&["build"]);
        assert!(!result.status.success() && stderr(&result).contains("content/share.png: is a link to /proc/"), "{}", stderr(&result));
        assert!(!project.path("build").exists());
    }

    #[test]
    fn a_link_inside_the_project_is_followed() {
        let project = Project::fixture();
        project.write("content/images/card.png", tiny_png());
        project.edit("content/site.yaml", |s| format!("share_image: share.png\n{s}"));
        symlink(project.path("content/images/card.png"), project.path("content/share.png")).unwrap();
        let out = project.build();
        assert_eq!(std::fs::read(out.join("assets/share.png")).unwrap(), tiny_png());
    }
}

/// A valid 1×1 PNG.
fn tiny_png() -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89".to_vec();
    png.extend_from_slice(b"\0\0\0\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\0\0\0\0IEND\xaeB`\x82");
    png
}

#[test]
fn a_share_image_that_is_not_the_image_its_name_says_is_refused() {
    let project = Project::fixture();
    project.edit("content/site.yaml", |s| format!("share_image: share.png\n{s}"));
    project.write("content/share.png", "<html>not a picture</html>");
    let result = project.run(&["build"]);
    let err = stderr(&result);
    assert!(!result.status.success());
    assert!(err.contains("content/site.yaml:1: share_image `share.png`: the file is not a Png image"), "{err}");
    project.write("content/share.png", tiny_png());
    let out = project.build();
    assert!(out.join("assets/share.png").is_file());
}

#[test]
fn a_folder_named_like_a_proposal_file_is_reported() {
    let project = Project::fixture();
    project.write("content/proposals/draft.en.md/notes.txt", "x");
    let result = project.run(&["build"]);
    assert!(!result.status.success());
    assert!(stderr(&result).contains("content/proposals/draft.en.md: is a folder, not a proposal file"), "{}", stderr(&result));
}

/// An output folder that is a mount point (as a Docker volume or a tmpfs is) cannot be
/// renamed: its contents are replaced instead. Needs a mount namespace (`unshare`).
#[test]
fn an_output_folder_that_is_a_mount_point_is_replaced_in_place() {
    if !Command::new("unshare").args(["-rm", "true"]).status().is_ok_and(|s| s.success()) {
        // CI's machine can: there, a missing namespace is a failure, not a skip.
        assert!(std::env::var_os("CI").is_none(), "this test needs a mount namespace (unshare -rm)");
        eprintln!("skipped: this machine cannot make a mount namespace (unshare -rm)");
        return;
    }
    let project = Project::fixture();
    let out = project.path("volume");
    std::fs::create_dir(&out).unwrap();
    let bin = env!("CARGO_BIN_EXE_microsite");
    let script = format!(
        "mount -t tmpfs none '{out}' && echo stale > '{out}/.microsite-output' && echo old > '{out}/old.html' \
         && '{bin}' build --root '{root}' --out '{out}' && '{bin}' build --root '{root}' --out '{out}' \
         && cd '{out}' && find . -type f | sort",
        out = out.display(),
        root = project.root().display()
    );
    let result = Command::new("unshare").args(["-rm", "sh", "-c", &script]).output().unwrap();
    assert!(result.status.success(), "{}", stderr(&result));
    let listing = String::from_utf8_lossy(&result.stdout);
    let files: Vec<&str> = listing.lines().collect();
    assert!(files.contains(&"./tc/index.html") && files.contains(&"./.microsite-output"), "{listing}");
    assert!(!files.contains(&"./old.html"), "the old contents are gone:\n{listing}");
    assert!(!files.iter().any(|f| f.starts_with("./.microsite-new") || f.starts_with("./.microsite-old") || f.contains("lock")), "{listing}");
    let expected = snapshot(&project.build()).len();
    assert_eq!(files.len(), expected, "{listing}");
}

#[test]
fn an_output_folder_inside_the_projects_own_files_is_refused_even_before_it_exists() {
    let project = Project::fixture();
    for out in ["content/site", "themes/default/static/site", ".", "content", ".."] {
        for command in [&["build", "--out", out][..], &["build", "--force", "--out", out], &["serve", "--port", "0", "--force", "--out", out]] {
            let result = project.run(command);
            let err = stderr(&result);
            assert!(!result.status.success(), "{command:?}: {err}");
            assert!(err.contains("refusing to use this folder for output"), "{command:?}: {err}");
        }
    }
    assert!(!project.path("content/site").exists() && !project.path("themes/default/static/site").exists());
    // The site built afterwards holds no earlier site among its assets.
    let out = project.build();
    assert!(!out.join("assets/site").exists());
}
