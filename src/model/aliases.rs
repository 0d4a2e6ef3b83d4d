//! Model: a proposal's former slugs (`aliases:` in its front matter), whose addresses
//! redirect to its current page, each checked to name nothing else in the edition.
//!
//! Any language file of a proposal may list them; the proposal has every alias its files
//! list (a translator need not repeat them). Each must be a slug, not the slug of a current
//! proposal of the edition (its own included), and not an alias of another proposal; a
//! file may list one only once. Editions are separate: an alias in one edition may be a
//! slug or an alias in another.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::domain::{check_slug, Proposal, Survey};
use crate::error::{Error, Result};
use crate::load::content::ProposalFile;

/// One alias as a file lists it.
#[derive(Debug)]
pub struct Listed {
    /// The proposal's (current) slug.
    slug: String,
    alias: String,
    file: PathBuf,
    line: u64,
}

/// Every alias the proposal files list, in file-name order, then in the order written.
pub fn listed(files: &[ProposalFile<Survey>]) -> Vec<Listed> {
    files
        .iter()
        .flat_map(|f| {
            f.front.aliases.iter().map(|a| Listed { slug: f.front.slug.value.clone(), alias: a.value.clone(), file: f.path.clone(), line: a.referenced.line() })
        })
        .collect()
}

/// Gives each proposal of the edition its aliases (`listed`), after checking them: the
/// first alias that is not a slug, or that names something else, is an error naming its
/// file and line.
pub fn assign(listed: &[Listed], proposals: &mut [Proposal]) -> Result<()> {
    let by_slug: BTreeMap<&str, usize> = proposals.iter().enumerate().map(|(i, p)| (p.slug.as_str(), i)).collect();
    let file_of = |i: usize| -> &Path { proposals[i].texts.values().next().expect("a proposal has at least one file").body.path() };
    // Each alias taken so far: its proposal, and the file and line that listed it first.
    let mut taken: BTreeMap<&str, (usize, &Path, u64)> = BTreeMap::new();
    let mut assigned: Vec<(usize, &str)> = Vec::new();
    for l in listed {
        let at = |msg: String| Error::at_line(&l.file, l.line, format!("aliases: `{}` {msg}", l.alias));
        check_slug(&l.alias).map_err(|why| at(why.to_string()))?;
        let own = by_slug[l.slug.as_str()];
        match by_slug.get(l.alias.as_str()) {
            Some(&i) if i == own => return Err(at("is this proposal's own slug: list only former slugs".into())),
            Some(&i) => {
                let p = &proposals[i];
                return Err(at(format!(
                    "is the slug of proposal {} ({}): a current proposal's address cannot lead to another; choose another alias or remove it",
                    p.number,
                    file_of(i).display()
                )));
            }
            None => {}
        }
        match taken.get(l.alias.as_str()) {
            Some(&(i, file, line)) if i != own => {
                let p = &proposals[i];
                return Err(at(format!(
                    "is already an alias of proposal {} ({}, {}:{line}): an address can lead to one proposal only",
                    p.number,
                    p.slug,
                    file.display()
                )));
            }
            Some(&(_, file, line)) if file == l.file => {
                return Err(at(format!("is listed twice in this file (first on line {line})")));
            }
            Some(_) => {} // another language file of the same proposal lists it too
            None => {
                taken.insert(&l.alias, (own, &l.file, l.line));
                assigned.push((own, &l.alias));
            }
        }
    }
    for (i, alias) in assigned {
        proposals[i].aliases.push(alias.to_string());
    }
    Ok(())
}
