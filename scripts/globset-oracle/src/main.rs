//! Reads `glob<TAB>path` lines on stdin and prints, as a JSON array, whether globset matches each
//! path when the glob is built as simple-fs builds it (`GlobBuilder::new(g).literal_separator(true)`),
//! or the error globset gives when it refuses the glob. A third column `plain` builds the glob with
//! `Glob::new` instead (what simple-fs's `sort_by_globs` uses: `*` crosses `/`).
use globset::GlobBuilder;
use std::io::{self, BufRead, Write};

fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn main() {
    let stdin = io::stdin();
    let mut rows = Vec::new();
    for line in stdin.lock().lines() {
        let line = line.expect("stdin");
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let (glob, path, plain) = (cols[0], cols[1], cols.get(2) == Some(&"plain"));
        let answer = match GlobBuilder::new(glob).literal_separator(!plain).build() {
            Ok(g) => format!("\"match\": {}", g.compile_matcher().is_match(path)),
            Err(e) => format!("\"error\": {}", json_str(&e.to_string())),
        };
        let mode = if plain { ", \"plain\": true" } else { "" };
        rows.push(format!("  {{\"glob\": {}, \"path\": {}{}, {}}}", json_str(glob), json_str(path), mode, answer));
    }
    let mut out = io::stdout().lock();
    writeln!(out, "[\n{}\n]", rows.join(",\n")).expect("stdout");
}
