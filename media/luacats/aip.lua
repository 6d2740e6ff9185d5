---@meta aip
-- Types of the AIPack Lua API for lua-language-server.
-- Generated from the aip catalog (src/server/luacats.ts, scripts/gen-luacats.ts): do not edit.

---@class FileInfo
---@field path string Path as given (relative to the base dir), or absolute.
---@field dir string Parent of `path` ("" if none).
---@field name string File name with extension.
---@field stem string File name without extension.
---@field ext string Extension without the dot ("" if none).
---@field ctime? integer Creation time (epoch µs).
---@field mtime? integer Modification time (epoch µs).
---@field size? integer Size in bytes.
---@field is_likely_text boolean Heuristic from the file name.
---@field _type string "FileInfo"

---@class FileRecord
---@field path string Path as given (relative to the base dir), or absolute.
---@field dir string Parent of `path` ("" if none).
---@field name string File name with extension.
---@field stem string File name without extension.
---@field ext string Extension without the dot ("" if none).
---@field ctime? integer Creation time (epoch µs).
---@field mtime? integer Modification time (epoch µs).
---@field size? integer Size in bytes.
---@field is_likely_text boolean Heuristic from the file name.
---@field content string The file text (UTF-8).
---@field _type string "FileRecord"

---@class FileStats
---@field total_size integer
---@field number_of_files integer
---@field ctime_first integer
---@field ctime_last integer
---@field mtime_first integer
---@field mtime_last integer

---@class MdSection
---@field content string Heading line and body, sub-sections included.
---@field heading_raw string Heading line with its newline, or "".
---@field heading_content string
---@field heading_level integer 0 when there is no heading.
---@field heading_name string

---@class MdBlock
---@field lang? string Info string after the fence.
---@field content string Text between the fences.

---@class MdRef
---@field target string
---@field text? string
---@field inline boolean True for `![..](..)`.
---@field kind string "Anchor" | "File" | "Url"

---@class TagElem
---@field tag string
---@field attrs? table
---@field content string

---@class Elem
---@field tag string
---@field attrs? table
---@field content string

---@class CsvContent
---@field headers string[]
---@field rows string[][]

---@class WebResponse
---@field success boolean HTTP 2xx.
---@field status integer
---@field url string Final URL.
---@field content string|table Body, parsed when `parse = true` and JSON.
---@field content_type? string
---@field headers? table
---@field error? string

---@class CmdResponse
---@field stdout string
---@field stderr string
---@field exit integer -1 when killed by a signal.

---@class AiResponse
---@field content? string Joined text of the answer.
---@field reasoning_content? string
---@field model_name string
---@field adapter_kind string
---@field usage table `prompt_tokens`, `completion_tokens`, details.
---@field price_usd? number
---@field duration_sec number
---@field info string

---@class RunAgentResponse
---@field outputs? table The outputs of the sub-agent tasks.
---@field after_all any What its After All returned.
---@field redo_requested boolean

---@class ApplyChangesStatus
---@field success boolean
---@field total_count integer
---@field success_count integer
---@field fail_count integer
---@field items table[]

---@class AgentOptions
---@field model? string
---@field resolved_model? string
---@field temperature? number
---@field top_p? number
---@field input_concurrency? integer
---@field allow_run_on_task_fail? boolean
---@field model_aliases? table

--- The AIPack API.
---@class aip
aip = {}

--- Files: load, save, list and convert files of the workspace. Relative paths are relative to the workspace; `~/…`, `$tmp/…`, pack refs (`ns@pack/…`) and absolute paths work too. Writing functions need a workspace and only write inside it or `~/.aipack-base`; deletes go to the trash.
---@class aip.file
aip.file = {}

--- Read a UTF-8 text file and return a `FileRecord` (FileInfo fields + `content`).
---
--- - `path`: relative to `opts.base_dir` when given (a pack ref like `ns@pack/docs` is allowed; a relative
---   base_dir is workspace-relative), else to the workspace. `~/…`, `$tmp/…`, pack refs and absolute paths work too.
--- - `record.path` is the path as given (home paths shown as `~/…`).
---
--- Errors if the file is missing or not valid UTF-8.
---
--- Example: `local rec = aip.file.load("src/main.rs"); print(rec.content)`
---
--- `aip.file.load(path: string, opts?: {base_dir?: string}) -> FileRecord`
---@param path string
---@param opts? table
---@return FileRecord
function aip.file.load(path, opts) end

--- True when the path (file or directory) exists. Never errors for a path that cannot be resolved (returns false).
---
--- Example: `if aip.file.exists("README.md") then ... end`
---
--- `aip.file.exists(path: string) -> boolean`
---@param path string
---@return boolean
function aip.file.exists(path) end

--- FileInfo (with `ctime`, `mtime`, `size`) of a file, without its content.
---
--- Returns nil for a nil or empty path, a missing path, or a directory.
---
--- Example: `local info = aip.file.info("data.csv"); if info then print(info.size) end`
---
--- `aip.file.info(path: string|nil) -> FileInfo|nil`
---@param path? string|nil
---@return FileInfo|nil
function aip.file.info(path) end

--- List files matching one or more globs under `base_dir` (default: the workspace).
---
--- - Paths are relative to the base, or absolute with `absolute = true` (and always for files outside the base).
--- - `.aipack/`, `.git/`, `target/`, `node_modules/`, `.build/`, `__pycache__/` are skipped unless a glob names
---   the folder; `.DS_Store`, `Thumbs.db`, `*.swp` always are. `!glob` excludes.
--- - Results are sorted by glob order (a file goes with the last glob it matches), then by path.
--- - Globs may start with a pack ref (`ns@pack/guide/**/*.md`), `~/` or `$tmp/`; globs starting with `../` are an error.
--- - `with_meta` is accepted and ignored: `ctime`, `mtime`, `size` are always filled.
---
--- Example: `for _, f in ipairs(aip.file.list({"src/**/*.ts", "README.md"})) do print(f.path) end`
---
--- `aip.file.list(globs: string|string[], opts?: {base_dir?, absolute?, with_meta?}) -> FileInfo[]`
---@param globs string|string[]
---@param opts? table
---@return FileInfo[]
function aip.file.list(globs, opts) end

--- Like `aip.file.list`, but returns `FileRecord`s with their `content` loaded.
---
--- Errors if a matched file is not valid UTF-8.
---
--- Example: `local docs = aip.file.list_load("docs/**/*.md")`
---
--- `aip.file.list_load(globs: string|string[], opts?: {base_dir?, absolute?}) -> FileRecord[]`
---@param globs string|string[]
---@param opts? table
---@return FileRecord[]
function aip.file.list_load(globs, opts) end

--- The first file matching the globs, in directory-walk order (no glob sort), or nil.
---
--- Note: unlike `list`, only `.git/`, `target/`, `node_modules/` and `.DS_Store` are skipped by default.
---
--- Example: `local cfg = aip.file.first({"*.toml", "config/*.toml"})`
---
--- `aip.file.first(globs: string|string[], opts?: {base_dir?, absolute?}) -> FileInfo|nil`
---@param globs string|string[]
---@param opts? table
---@return FileInfo|nil
function aip.file.first(globs, opts) end

--- Aggregate statistics of the files a listing would return: `total_size`, `number_of_files`,
--- `ctime_first`, `ctime_last`, `mtime_first`, `mtime_last` (epoch µs).
---
--- Returns nil when `globs` is nil, and zero-filled stats when nothing matches.
---
--- Example: `local s = aip.file.stats("src/**/*.rs"); print(s.number_of_files, s.total_size)`
---
--- `aip.file.stats(globs: string|string[]|nil, opts?: {base_dir?, absolute?}) -> FileStats|nil`
---@param globs? string|string[]|nil
---@param opts? table
---@return FileStats|nil
function aip.file.stats(globs, opts) end

--- Write `content` to a file (created with its parent dirs, or overwritten). The write is atomic.
---
--- - `opts.trim_start`, `opts.trim_end`, `opts.single_trailing_newline` (default false) are applied in that order.
--- - Only inside the workspace or `~/.aipack-base`: anything else raises `Save file protection - …`.
--- - Returns the FileInfo of the saved file (absolute path, `~/…` under home).
---
--- Example: `aip.file.save("docs/out.md", content, { single_trailing_newline = true })`
---
--- `aip.file.save(path: string, content: string, opts?: SaveOptions) -> FileInfo`
---@param path string
---@param content string
---@param opts? table
---@return FileInfo
function aip.file.save(path, content, opts) end

--- Copy a file (binary). Destination dirs are created; the source may be anywhere.
---
--- - `opts.overwrite` (default false): when false, an existing destination is an error.
--- - The destination must pass the write guard (workspace or `~/.aipack-base`).
---
--- Example: `aip.file.copy("ns@pack/template.md", "docs/new.md")`
---
--- `aip.file.copy(src: string, dest: string, opts?: {overwrite?: boolean}) -> FileInfo`
---@param src string
---@param dest string
---@param opts? table
---@return FileInfo
function aip.file.copy(src, dest, opts) end

--- Move (rename) a file. Destination dirs are created.
---
--- - `opts.overwrite` (default false): when false, an existing destination is an error.
--- - The source must be deletable (inside the workspace, not in `.aipack-base`); the destination writable.
---
--- Example: `aip.file.move("drafts/a.md", "done/a.md")`
---
--- `aip.file.move(src: string, dest: string, opts?: {overwrite?: boolean}) -> FileInfo`
---@param src string
---@param dest string
---@param opts? table
---@return FileInfo
function aip.file.move(src, dest, opts) end

--- Append `content` to a file (created with its parent dirs if missing).
---
--- Appends from concurrent tasks never interleave: each takes the file's write lock.
---
--- Example: `aip.file.append("out/log.md", "- " .. input.path .. "\n")`
---
--- `aip.file.append(path: string, content: string) -> FileInfo`
---@param path string
---@param content string
---@return FileInfo
function aip.file.append(path, content) end

--- Move a file to the trash (recoverable). Returns true if it was deleted, false if it did not exist.
---
--- Only inside the workspace; never under `~/.aipack-base` (`Delete file protection - …`).
---
--- Example: `aip.file.delete("tmp/old-output.md")`
---
--- `aip.file.delete(path: string) -> boolean`
---@param path string
---@return boolean
function aip.file.delete(path) end

--- Make sure a file exists: create it (and its dirs) with `content` (default "") when missing.
---
--- With `opts.content_when_empty = true`, an existing file that is empty or whitespace-only is rewritten with `content`.
---
--- Example: `aip.file.ensure_exists("notes.md", "# Notes\n", { content_when_empty = true })`
---
--- `aip.file.ensure_exists(path: string, content?: string, opts?: {content_when_empty?: boolean}) -> FileInfo`
---@param path string
---@param content? string
---@param opts? table
---@return FileInfo
function aip.file.ensure_exists(path, content, opts) end

--- Create a directory and its parents. Returns true if created, false if it already existed.
---
--- Errors if the path exists and is a file, or is outside the workspace / `~/.aipack-base`.
---
--- Example: `aip.file.ensure_dir("docs/generated")`
---
--- `aip.file.ensure_dir(path: string) -> boolean`
---@param path string
---@return boolean
function aip.file.ensure_dir(path) end

--- Load and parse a JSON file. Lenient: comments, trailing commas and relaxed quoting (JSONC/JSON5) are accepted.
---
--- An empty file returns nil; a JSON `null` returns `null`.
---
--- Example: `local pkg = aip.file.load_json("package.json"); print(pkg.name)`
---
--- `aip.file.load_json(path: string) -> any`
---@param path string
---@return any
function aip.file.load_json(path) end

--- Load and parse a TOML file into a table. Dates and times come back as strings.
---
--- Example: `local cfg = aip.file.load_toml("Cargo.toml"); print(cfg.package.name)`
---
--- `aip.file.load_toml(path: string) -> table`
---@param path string
---@return table
function aip.file.load_toml(path) end

--- Load a YAML file; always returns a list with one entry per document (`---` separated).
---
--- Example: `local docs = aip.file.load_yaml("config.yaml"); local cfg = docs[1]`
---
--- `aip.file.load_yaml(path: string) -> any[]`
---@param path string
---@return any[]
function aip.file.load_yaml(path) end

--- Load a newline-delimited JSON file: one JSON value per non-empty line, returned as a list.
---
--- Example: `for _, ev in ipairs(aip.file.load_ndjson("events.ndjson")) do print(ev.kind) end`
---
--- `aip.file.load_ndjson(path: string) -> any[]`
---@param path string
---@return any[]
function aip.file.load_ndjson(path) end

--- Append `value` as one line of compact JSON (plus `\n`) to a file; creates it and its dirs if needed.
--- Takes the file's write lock, so concurrent tasks never interleave lines.
---
--- Example: `aip.file.append_json_line("out/results.ndjson", { path = input.path, ok = true })`
---
--- `aip.file.append_json_line(path: string, value: any) -> FileInfo`
---@param path string
---@param value? any
---@return FileInfo
function aip.file.append_json_line(path, value) end

--- Append each element of `values` as its own line of compact JSON, in one write.
---
--- Example: `aip.file.append_json_lines("out/rows.ndjson", { {id = 1}, {id = 2} })`
---
--- `aip.file.append_json_lines(path: string, values: any[]) -> FileInfo`
---@param path string
---@param values any[]
---@return FileInfo
function aip.file.append_json_lines(path, values) end

--- Split a Markdown file into `MdSection`s by heading (`content`, `heading_raw`, `heading_content`,
--- `heading_level`, `heading_name`). Without `headings`, all sections, the text before the first heading included.
--- With `headings` (heading lines such as `"## Install"`: level and name must match, case-sensitive), only those
--- sections, each with its sub-sections.
---
--- Example: `local secs = aip.file.load_md_sections("README.md", {"# Install", "## Usage"})`
---
--- `aip.file.load_md_sections(path: string, headings?: string|string[]) -> MdSection[]`
---@param path string
---@param headings? string|string[]
---@return MdSection[]
function aip.file.load_md_sections(path, headings) end

--- Split a Markdown file into its first section and the rest: `first` is the text before the first heading
--- (a heading-less section) or, when the file starts with a heading, that heading's section; `after` is
--- everything from the next heading. `before` is always "" (as in aipack). `first` is nil for an empty file.
---
--- Example: `local s = aip.file.load_md_split_first("doc.md"); print(s.first.heading_name, #s.after)`
---
--- `aip.file.load_md_split_first(path: string) -> {before, first: MdSection|nil, after}`
---@param path string
---@return table
function aip.file.load_md_split_first(path) end

--- The header row (first record) of a CSV file.
---
--- Example: `local headers = aip.file.load_csv_headers("data.csv")`
---
--- `aip.file.load_csv_headers(path: string) -> string[]`
---@param path string
---@return string[]
function aip.file.load_csv_headers(path) end

--- Load a CSV file as `{_type = "CsvContent", headers, rows}`.
---
--- Options (CsvOptions): `delimiter` (","), `quote`, `escape`, `trim_fields`, `has_header` (default **true** here),
--- `header_labels` ({key = label}: headers equal to a label are renamed to the key), `skip_empty_lines` (true), `comment`.
---
--- Example: `local csv = aip.file.load_csv("data.csv"); for _, row in ipairs(csv.rows) do print(row[1]) end`
---
--- `aip.file.load_csv(path: string, opts?: CsvOptions) -> CsvContent`
---@param path string
---@param opts? table
---@return CsvContent
function aip.file.load_csv(path, opts) end

--- Write a CSV file (overwrites). `data` is a matrix (its first row is the header when `opts.has_header`)
--- or `{headers?, rows?}`. Table cells are written as JSON, nil/null as empty.
--- `header_labels` renames header keys to labels; `skip_header_row = true` omits the header row.
---
--- Example: `aip.file.save_as_csv("out.csv", { headers = {"name", "age"}, rows = { {"Ann", 31} } })`
---
--- `aip.file.save_as_csv(path: string, data: any[][]|{headers?, rows?}, opts?: CsvOptions) -> FileInfo`
---@param path string
---@param data any[][]|table
---@param opts? table
---@return FileInfo
function aip.file.save_as_csv(path, data, opts) end

--- Write a list of record tables as CSV (overwrites): one column per `header_keys` entry, in that order,
--- values pulled by key (missing → empty). `header_labels` renames the header cells.
---
--- Example: `aip.file.save_records_as_csv("people.csv", people, {"name", "email"})`
---
--- `aip.file.save_records_as_csv(path: string, records: table[], header_keys: string[], opts?: CsvOptions) -> FileInfo`
---@param path string
---@param records table[]
---@param header_keys string[]
---@param opts? table
---@return FileInfo
function aip.file.save_records_as_csv(path, records, header_keys, opts) end

--- Append data rows to a CSV file (created if missing). Header options are ignored: no header row is written.
--- Takes the file's write lock.
---
--- Example: `aip.file.append_csv_rows("log.csv", { {"a", 1}, {"b", 2} })`
---
--- `aip.file.append_csv_rows(path: string, rows: any[][], opts?: CsvOptions) -> FileInfo`
---@param path string
---@param rows any[][]
---@param opts? table
---@return FileInfo
function aip.file.append_csv_rows(path, rows, opts) end

--- Append one row to a CSV file (created if missing). Takes the file's write lock.
---
--- Example: `aip.file.append_csv_row("log.csv", { input.path, os.time() })`
---
--- `aip.file.append_csv_row(path: string, values: any[], opts?: CsvOptions) -> FileInfo`
---@param path string
---@param values any[]
---@param opts? table
---@return FileInfo
function aip.file.append_csv_row(path, values, opts) end

--- Convert an HTML file to Markdown and save it. The HTML is slimmed first (scripts, styles, comments removed)
--- unless `dest.slim = false`.
---
--- - `dest` nil: `<stem>.md` next to the source; a string: that path;
---   a table `{base_dir?, file_name?, suffix?, slim?}`: `<base_dir>/<file_name or stem..suffix..".md">`.
--- - The write guard of `aip.file.save` applies (aipack itself does not guard this function).
---
--- Example: `aip.file.save_html_to_md("pages/index.html", { base_dir = "md" })`
---
--- `aip.file.save_html_to_md(html_path: string, dest?: string|DestOptions) -> FileInfo`
---@param html_path string
---@param dest? string|table
---@return FileInfo
function aip.file.save_html_to_md(html_path, dest) end

--- Slim an HTML file (scripts, styles, comments and noise removed) and save it.
---
--- - `dest` nil: `<stem>-slim.html` next to the source; a string: that path; a table `{base_dir?, file_name?, suffix?}`
---   (no `-slim` suffix by default when `base_dir` is given).
--- - The write guard of `aip.file.save` applies (aipack itself does not guard this function).
---
--- Example: `aip.file.save_html_to_slim("pages/index.html")  -- pages/index-slim.html`
---
--- `aip.file.save_html_to_slim(html_path: string, dest?: string|DestOptions) -> FileInfo`
---@param html_path string
---@param dest? string|table
---@return FileInfo
function aip.file.save_html_to_slim(html_path, dest) end

--- Read an HTML file and return its slimmed HTML.
---
--- Example: `local html = aip.file.load_html_as_slim("page.html")`
---
--- `aip.file.load_html_as_slim(html_path: string) -> string`
---@param html_path string
---@return string
function aip.file.load_html_as_slim(html_path) end

--- Read an HTML file and return it as Markdown. Slims the HTML first unless `opts.trim = false` (or `opts.slim = false`).
---
--- Example: `local md = aip.file.load_html_as_md("page.html")`
---
--- `aip.file.load_html_as_md(html_path: string, opts?: {trim?|slim?: boolean}) -> string`
---@param html_path string
---@param opts? table
---@return string
function aip.file.load_html_as_md(html_path, opts) end

--- Convert a Word `.docx` file to Markdown and save it (`dest` as for `save_html_to_md`; default `<stem>.md` next to it).
---
--- - The write guard of `aip.file.save` applies (aipack itself does not guard this function).
---
--- Example: `aip.file.save_docx_to_md("specs/brief.docx")`
---
--- `aip.file.save_docx_to_md(docx_path: string, dest?: string|DestOptions) -> FileInfo`
---@param docx_path string
---@param dest? string|table
---@return FileInfo
function aip.file.save_docx_to_md(docx_path, dest) end

--- Read a Word `.docx` file and return its content as Markdown.
---
--- Example: `local md = aip.file.load_docx_as_md("specs/brief.docx")`
---
--- `aip.file.load_docx_as_md(docx_path: string) -> string`
---@param docx_path string
---@return string
function aip.file.load_docx_as_md(docx_path) end

--- Apply SEARCH/REPLACE blocks to a file and save it (a missing file is created with `changes` as is).
---
--- Blocks: a `<<<<<<< SEARCH` line, the text to find, a `=======` line, the replacement, a `>>>>>>> REPLACE` line.
--- Each block replaces the first occurrence, in order; an empty replacement removes the matched line(s).
--- Without any `<<<<<<< SEARCH` line, `changes` replaces the whole content.
---
--- Returns the FileInfo and `{changed_count, failed_changes?}` (`failed_changes[i] = {search, replace, reason}`).
---
--- Example: `local info, res = aip.file.save_changes("src/a.ts", ai_response.content)`
---
--- `aip.file.save_changes(path: string, changes: string) -> FileInfo, ChangesInfo`
---@param path string
---@param changes string
---@return FileInfo
---@return table
function aip.file.save_changes(path, changes) end

--- Byte ranges `{start, end}` (end exclusive, line break excluded) of each line of a file.
--- Pair with `aip.file.read_span` to read lines of large files without loading them whole.
---
--- Example: `local spans = aip.file.line_spans("big.log"); print(#spans .. " lines")`
---
--- `aip.file.line_spans(path: string) -> [start, end][]`
---@param path string
---@return table[]
function aip.file.line_spans(path) end

--- Byte ranges `{start, end}` of each CSV record (header included). Newlines inside quoted fields stay
--- in their record; `""` is an escaped quote.
---
--- Example: `local rows = aip.file.csv_row_spans("data.csv"); local header = aip.file.read_span("data.csv", rows[1][1], rows[1][2])`
---
--- `aip.file.csv_row_spans(path: string) -> [start, end][]`
---@param path string
---@return table[]
function aip.file.csv_row_spans(path) end

--- Read bytes `[start, end)` of a file as UTF-8 text (offsets as returned by `line_spans` / `csv_row_spans`).
---
--- Errors for negative offsets, `end < start`, a range past the end of the file, or a range that is not valid UTF-8.
---
--- Example: `local line = aip.file.read_span("big.log", span[1], span[2])`
---
--- `aip.file.read_span(path: string, start: integer, end: integer) -> string`
---@param path string
---@param start integer
---@param end_ integer
---@return string
function aip.file.read_span(path, start, end_) end

--- SHA256 hash of the file's bytes, encoded as hex string.
---
--- Errors if the file cannot be read.
---
--- Example: `local h = aip.file.hash_sha256("dist/app.js")`
---
--- `aip.file.hash_sha256(path: string) -> hex string`
---@param path string
---@return table
function aip.file.hash_sha256(path) end

--- SHA256 hash of the file's bytes, encoded as base64 string.
---
--- Errors if the file cannot be read.
---
--- Example: `local h = aip.file.hash_sha256_b64("dist/app.js")`
---
--- `aip.file.hash_sha256_b64(path: string) -> base64 string`
---@param path string
---@return string
function aip.file.hash_sha256_b64(path) end

--- SHA256 hash of the file's bytes, encoded as base64url (no pad) string.
---
--- Errors if the file cannot be read.
---
--- Example: `local h = aip.file.hash_sha256_b64u("dist/app.js")`
---
--- `aip.file.hash_sha256_b64u(path: string) -> base64url (no pad) string`
---@param path string
---@return table
function aip.file.hash_sha256_b64u(path) end

--- SHA256 hash of the file's bytes, encoded as base58 string.
---
--- Errors if the file cannot be read.
---
--- Example: `local h = aip.file.hash_sha256_b58u("dist/app.js")`
---
--- `aip.file.hash_sha256_b58u(path: string) -> base58 string`
---@param path string
---@return string
function aip.file.hash_sha256_b58u(path) end

--- SHA512 hash of the file's bytes, encoded as hex string.
---
--- Errors if the file cannot be read.
---
--- Example: `local h = aip.file.hash_sha512("dist/app.js")`
---
--- `aip.file.hash_sha512(path: string) -> hex string`
---@param path string
---@return table
function aip.file.hash_sha512(path) end

--- SHA512 hash of the file's bytes, encoded as base64 string.
---
--- Errors if the file cannot be read.
---
--- Example: `local h = aip.file.hash_sha512_b64("dist/app.js")`
---
--- `aip.file.hash_sha512_b64(path: string) -> base64 string`
---@param path string
---@return string
function aip.file.hash_sha512_b64(path) end

--- SHA512 hash of the file's bytes, encoded as base64url (no pad) string.
---
--- Errors if the file cannot be read.
---
--- Example: `local h = aip.file.hash_sha512_b64u("dist/app.js")`
---
--- `aip.file.hash_sha512_b64u(path: string) -> base64url string`
---@param path string
---@return table
function aip.file.hash_sha512_b64u(path) end

--- SHA512 hash of the file's bytes, encoded as base58 string.
---
--- Errors if the file cannot be read.
---
--- Example: `local h = aip.file.hash_sha512_b58u("dist/app.js")`
---
--- `aip.file.hash_sha512_b58u(path: string) -> base58 string`
---@param path string
---@return string
function aip.file.hash_sha512_b58u(path) end

--- BLAKE3 hash of the file's bytes, encoded as hex string.
---
--- Errors if the file cannot be read.
---
--- Example: `local h = aip.file.hash_blake3("dist/app.js")`
---
--- `aip.file.hash_blake3(path: string) -> hex string`
---@param path string
---@return table
function aip.file.hash_blake3(path) end

--- BLAKE3 hash of the file's bytes, encoded as base64 string.
---
--- Errors if the file cannot be read.
---
--- Example: `local h = aip.file.hash_blake3_b64("dist/app.js")`
---
--- `aip.file.hash_blake3_b64(path: string) -> base64 string`
---@param path string
---@return string
function aip.file.hash_blake3_b64(path) end

--- BLAKE3 hash of the file's bytes, encoded as base64url (no pad) string.
---
--- Errors if the file cannot be read.
---
--- Example: `local h = aip.file.hash_blake3_b64u("dist/app.js")`
---
--- `aip.file.hash_blake3_b64u(path: string) -> base64url string`
---@param path string
---@return table
function aip.file.hash_blake3_b64u(path) end

--- BLAKE3 hash of the file's bytes, encoded as base58 string.
---
--- Errors if the file cannot be read.
---
--- Example: `local h = aip.file.hash_blake3_b58u("dist/app.js")`
---
--- `aip.file.hash_blake3_b58u(path: string) -> base58 string`
---@param path string
---@return string
function aip.file.hash_blake3_b58u(path) end

--- Paths: parse, join, split and compare path strings; match and sort by globs; check what exists on disk.
---@class aip.path
aip.path = {}

--- Split a path into a FileInfo (`path`, `dir`, `name`, `stem`, `ext`) without touching the disk (no times or size).
---
--- Returns nil for nil. Example: `local p = aip.path.parse("docs/readme.md"); print(p.stem, p.ext)`
---
--- `aip.path.parse(path: string|nil) -> FileInfo|nil`
---@param path? string|nil
---@return FileInfo|nil
function aip.path.parse(path) end

--- Resolve a path the way `aip.file` functions do: relative → workspace, `~/…`, `$tmp/…`, pack refs; absolute and collapsed.
---
--- Example: `print(aip.path.resolve("ns@pack/lua/util.lua"))`
---
--- `aip.path.resolve(path: string) -> string`
---@param path string
---@return string
function aip.path.resolve(path) end

--- Join `base` with the parts: a list part is joined with `/`; the parts themselves are concatenated
--- **without** a separator, then joined to `base` with `/`. Repeated slashes are collapsed.
---
--- Example: `aip.path.join("docs", {"api", "index.md"})  -- "docs/api/index.md"`; `aip.path.join("a", "b", "c")  -- "a/bc"`
---
--- `aip.path.join(base: string, ...parts: string|string[]) -> string`
---@param base string
---@param ... string|string[]
---@return string
function aip.path.join(base, ...) end

--- True when the resolved path (file or directory) exists.
---
--- Example: `if aip.path.exists("out/") then ... end`
---
--- `aip.path.exists(path: string) -> boolean`
---@param path string
---@return boolean
function aip.path.exists(path) end

--- True when the resolved path is an existing file.
---
--- Example: `aip.path.is_file("README.md")`
---
--- `aip.path.is_file(path: string) -> boolean`
---@param path string
---@return boolean
function aip.path.is_file(path) end

--- True when the resolved path is an existing directory.
---
--- Example: `aip.path.is_dir("src")`
---
--- `aip.path.is_dir(path: string) -> boolean`
---@param path string
---@return boolean
function aip.path.is_dir(path) end

--- The relative path from `base_path` to `file_path` (`~` expanded first); "" when it cannot be computed.
---
--- Example: `aip.path.diff("src/a/b.rs", "src")  -- "a/b.rs"`
---
--- `aip.path.diff(file_path: string, base_path: string) -> string`
---@param file_path string
---@param base_path string
---@return string
function aip.path.diff(file_path, base_path) end

--- The parent of a path (lexical), or nil for a root-like path.
---
--- Example: `aip.path.parent("docs/a.md")  -- "docs"`
---
--- `aip.path.parent(path: string) -> string|nil`
---@param path string
---@return string|nil
function aip.path.parent(path) end

--- True when `path` matches any of the globs (`*` stops at `/`, `**` crosses directories). nil for a nil path;
--- false for an empty glob list.
---
--- Example: `aip.path.matches_glob("src/main.rs", {"src/**/*.rs"})  -- true`
---
--- `aip.path.matches_glob(path: string|nil, globs: string|string[]) -> boolean|nil`
---@param path? string|nil
---@param globs string|string[]
---@return boolean|nil
function aip.path.matches_glob(path, globs) end

--- Split a path into its parent and its file name (two return values, "" when missing).
---
--- Example: `local dir, name = aip.path.split("docs/a.md")  -- "docs", "a.md"`
---
--- `aip.path.split(path: string) -> parent: string, filename: string`
---@param path string
---@return string parent
---@return string filename
function aip.path.split(path) end

--- Sort paths (strings, or tables with a `path` field) by the first glob they match, then by path.
--- Items matching no glob go to the end (or the start).
---
--- - `opts` `true`: end-weighted (an item goes with the **last** glob it matches); `"start"`/`"end"`: where
---   non-matches go; or `{end_weighted?, no_match_position?}`.
---
--- Example: `local files = aip.path.sort_by_globs(files, {"*.toml", "*.md"})`
---
--- `aip.path.sort_by_globs(items: (string|{path})[], globs: string|string[], opts?: boolean|'start'|'end'|{end_weighted?, no_match_position?}) -> same items, reordered`
---@param items table[]
---@param globs string|string[]
---@param opts? boolean|table
---@return table
---@return table
function aip.path.sort_by_globs(items, globs, opts) end

--- Text helpers: trim, split, line removal, truncation, marker replacement, sizes. Every function accepts `nil` content and returns `nil`.
---@class aip.text
aip.text = {}

--- Decode HTML entities (`&lt;`, `&amp;`, `&#39;`, `&#x27;`, `&nbsp;`…). Some models HTML-encode their answers.
---
--- - `s`: the text, or `nil` (returns `nil`).
---
--- Returns the decoded text. Errors if `s` is neither a string nor `nil`.
---
--- Example: `aip.text.escape_decode("a &lt; b") -- "a < b"`
---
--- `aip.text.escape_decode(s: string|nil) -> string|nil`
---@param s? string|nil
---@return string|nil
function aip.text.escape_decode(s) end

--- Decode HTML entities only when the text contains `&lt;` (the usual sign a model HTML-encoded its answer); otherwise return it unchanged.
---
--- - `s`: the text, or `nil` (returns `nil`).
---
--- Example: `aip.text.escape_decode_if_needed("fn a() -&gt; &lt;T&gt;") -- "fn a() -> <T>"`
---
--- `aip.text.escape_decode_if_needed(s: string|nil) -> string|nil`
---@param s? string|nil
---@return string|nil
function aip.text.escape_decode_if_needed(s) end

--- Remove the first line (through its `\n`). A text without a newline becomes `""`.
---
--- Example: `aip.text.remove_first_line("a\nb\nc") -- "b\nc"`
---
--- `aip.text.remove_first_line(s: string|nil) -> string|nil`
---@param s? string|nil
---@return string|nil
function aip.text.remove_first_line(s) end

--- Remove the first `n` lines. When the text has fewer than `n` newlines the result is `""`; `n = 0` keeps it.
---
--- - `s`: the text, or `nil` (returns `nil`).
--- - `n`: number of lines to remove.
---
--- Example: `aip.text.remove_first_lines("a\nb\nc", 2) -- "c"`
---
--- `aip.text.remove_first_lines(s: string|nil, n: integer) -> string|nil`
---@param s? string|nil
---@param n integer
---@return string|nil
function aip.text.remove_first_lines(s, n) end

--- Remove the last `n` lines, counting newlines from the end (a final `\n` ends the last line). Fewer than `n` newlines gives `""`.
---
--- - `s`: the text, or `nil` (returns `nil`).
--- - `n`: number of lines to remove.
---
--- Example: `aip.text.remove_last_lines("a\nb\nc", 1) -- "a\nb"`
---
--- `aip.text.remove_last_lines(s: string|nil, n: integer) -> string|nil`
---@param s? string|nil
---@param n integer
---@return string|nil
function aip.text.remove_last_lines(s, n) end

--- Remove the text after the last `\n` (and that newline). A text without a newline becomes `""`.
---
--- Example: `aip.text.remove_last_line("a\nb\nc") -- "a\nb"`
---
--- `aip.text.remove_last_line(s: string|nil) -> string|nil`
---@param s? string|nil
---@return string|nil
function aip.text.remove_last_line(s) end

--- Limit a text to `max_chars` characters (Unicode characters, not bytes). When it is cut, `ellipsis` is appended and counted in `max_chars`.
---
--- - `s`: the text, or `nil` (returns `nil`).
--- - `max_chars`: maximum length of the result.
--- - `ellipsis` (optional): appended when truncated, e.g. `"..."`.
---
--- Example: `aip.text.truncate("hello world", 8, "...") -- "hello..."`
---
--- `aip.text.truncate(s: string|nil, max_chars: integer, ellipsis?: string) -> string|nil`
---@param s? string|nil
---@param max_chars integer
---@param ellipsis? string
---@return string|nil
function aip.text.truncate(s, max_chars, ellipsis) end

--- Replace each `<<START>>` … `<<END>>` block (the whole lines holding the markers, and the lines between) with the next item of `sections`, in order.
---
--- - `s`: the text with marker blocks, or `nil` (returns `nil`).
--- - `sections`: list of strings, or of tables with a `content` string (e.g. `MdBlock`s).
---
--- Errors: `replace_markers - Not enough matching sections`, `replace_markers - Not all sections have been used`, and nested or unopened markers.
---
--- Example: `aip.text.replace_markers(file.content, { new_impl })`
---
--- `aip.text.replace_markers(s: string|nil, sections: (string|{content})[]) -> string|nil`
---@param s? string|nil
---@param sections table[]
---@return string|nil
function aip.text.replace_markers(s, sections) end

--- Add `prefix` and/or `suffix` only when the text does not already start/end with them.
---
--- - `s`: the text, or `nil` (returns `nil`).
--- - `opts`: `{prefix?: string, suffix?: string}`; any other key is an error.
---
--- Example: `aip.text.ensure("notes", {prefix = "./", suffix = ".md"}) -- "./notes.md"`
---
--- `aip.text.ensure(s: string|nil, opts: {prefix?, suffix?}) -> string|nil`
---@param s? string|nil
---@param opts table
---@return string|nil
function aip.text.ensure(s, opts) end

--- Make the text end with exactly one `\n`: add one if missing, drop extra trailing newlines. `""` becomes `"\n"`.
---
--- Example: `aip.text.ensure_single_trailing_newline("code\n\n\n") -- "code\n"`
---
--- `aip.text.ensure_single_trailing_newline(s: string|nil) -> string|nil`
---@param s? string|nil
---@return string|nil
function aip.text.ensure_single_trailing_newline(s) end

--- **Deprecated**: use `aip.text.ensure_single_trailing_newline` (same behaviour).
---
--- Example: `aip.text.ensure_single_ending_newline("x") -- "x\n"`
---
--- `aip.text.ensure_single_ending_newline(s: string|nil) -> string|nil`
---@param s? string|nil
---@return string|nil
function aip.text.ensure_single_ending_newline(s) end

--- Format a byte count as a 9-character, right-aligned size with decimal units (1 KB = 1000 B), for aligned listings.
---
--- - `bytes`: the size (floats are rounded, negatives count as 0), or `nil` (returns `nil`).
--- - `lowest_unit` (optional): smallest unit to show, `"B"` (default), `"KB"`, `"MB"`, `"GB"`; or a table `{lowest_unit?, trim?}` where `trim = true` removes the padding.
---
--- Example: `aip.text.format_size(8777) -- "  8.78 KB"`
---
--- `aip.text.format_size(bytes: integer|nil, lowest_unit?: 'B'|'KB'|'MB'|'GB') -> string|nil`
---@param bytes? integer|nil
---@param lowest_unit? table
---@return string|nil
function aip.text.format_size(bytes, lowest_unit) end

--- Split at the first occurrence of `sep` (which is dropped).
---
--- - `s`: the text, or `nil` (returns `nil, nil`).
--- - `sep`: the separator string.
---
--- Returns `before, after`; when `sep` is absent, `s, nil`.
---
--- Example: `local head, body = aip.text.split_first(content, "\n---\n")`
---
--- `aip.text.split_first(s: string|nil, sep: string) -> string|nil, string|nil`
---@param s? string|nil
---@param sep string
---@return string|nil
---@return string|nil
function aip.text.split_first(s, sep) end

--- Split at the last occurrence of `sep` (which is dropped).
---
--- - `s`: the text, or `nil` (returns `nil, nil`).
--- - `sep`: the separator string.
---
--- Returns `before, after`; when `sep` is absent, `s, nil`.
---
--- Example: `local dir, file = aip.text.split_last("a/b/c.txt", "/") -- "a/b", "c.txt"`
---
--- `aip.text.split_last(s: string|nil, sep: string) -> string|nil, string|nil`
---@param s? string|nil
---@param sep string
---@return string|nil
---@return string|nil
function aip.text.split_last(s, sep) end

--- Split around the first line that is exactly `sep_line`. That line and the newlines around it are dropped.
---
--- - `s`: the text, or `nil` (returns `nil, nil`).
--- - `sep_line`: the whole line to match (no newline).
---
--- Returns `before, after` (either may be `""`); when no line matches, `s, nil`.
---
--- Example: `aip.text.split_first_line("a\n===\nb", "===") -- "a", "b"`
---
--- `aip.text.split_first_line(s: string|nil, sep_line: string) -> string|nil, string|nil`
---@param s? string|nil
---@param sep_line string
---@return string|nil
---@return string|nil
function aip.text.split_first_line(s, sep_line) end

--- Split around the last line that is exactly `sep_line`. That line and the newlines around it are dropped.
---
--- - `s`: the text, or `nil` (returns `nil, nil`).
--- - `sep_line`: the whole line to match (no newline).
---
--- Returns `before, after` (either may be `""`); when no line matches, `s, nil`.
---
--- Example: `aip.text.split_last_line("a\n===\nb\n===\nc", "===") -- "a\n===\nb", "c"`
---
--- `aip.text.split_last_line(s: string|nil, sep_line: string) -> string|nil, string|nil`
---@param s? string|nil
---@param sep_line string
---@return string|nil
---@return string|nil
function aip.text.split_last_line(s, sep_line) end

--- Collect groups of consecutive lines that start with a prefix (e.g. `>` quotes). Each block keeps its lines with their `\n`.
---
--- - `s`: the text, or `nil` (returns `nil, nil`).
--- - `opts.starts_with` (required): the line prefix.
--- - `opts.extrude` (optional): `"content"` to also return the text outside the returned blocks.
--- - `opts.first` (optional): stop after that many blocks; with `extrude`, the rest of the text is returned as is.
---
--- Returns `blocks, rest` (`rest` is `nil` unless `extrude = "content"`).
--- Errors without `starts_with`: `aip.text.extract_line_blocks requires to options with {starts_with = ".."}`.
---
--- Example: `local quotes, rest = aip.text.extract_line_blocks(md, {starts_with = ">", extrude = "content"})`
---
--- `aip.text.extract_line_blocks(s: string|nil, opts: {starts_with, extrude?, first?}) -> string[]|nil, string|nil`
---@param s? string|nil
---@param opts table
---@return string[]|nil
---@return string|nil
function aip.text.extract_line_blocks(s, opts) end

--- Remove leading and trailing whitespace.
---
--- Example: `aip.text.trim("  hi  ") -- "hi"`
---
--- `aip.text.trim(s: string|nil) -> string|nil`
---@param s? string|nil
---@return string|nil
function aip.text.trim(s) end

--- Remove leading whitespace.
---
--- Example: `aip.text.trim_start("  hi  ") -- "hi  "`
---
--- `aip.text.trim_start(s: string|nil) -> string|nil`
---@param s? string|nil
---@return string|nil
function aip.text.trim_start(s) end

--- Remove trailing whitespace.
---
--- Example: `aip.text.trim_end("  hi  ") -- "  hi"`
---
--- `aip.text.trim_end(s: string|nil) -> string|nil`
---@param s? string|nil
---@return string|nil
function aip.text.trim_end(s) end

--- Markdown helpers: extract fenced code blocks and `#!meta` blocks, unwrap an outer fence, list link references.
---@class aip.md
aip.md = {}

--- Extract fenced code blocks (three or four backticks; a four-backtick block may contain three-backtick lines).
---
--- - `md`: the markdown text.
--- - `opt` (optional): a language (`"lua"`; `""` = only fences without a language), or `{lang?: string, extrude?: "content"}`.
---
--- Returns a list of `MdBlock` `{_type = "MdBlock", lang, content}` (`content` without the fences).
--- With `extrude = "content"`, also returns the text outside the extracted blocks as a second value.
--- Errors when `extrude` is another string.
---
--- Example: `local blocks, rest = aip.md.extract_blocks(ai_response.content, {lang = "lua", extrude = "content"})`
---
--- `aip.md.extract_blocks(md: string, opt?: string|{lang?, extrude?: 'content'}) -> MdBlock[] (, rest: string)`
---@param md string
---@param opt? string|table
---@return MdBlock[]
function aip.md.extract_blocks(md, opt) end

--- Collect metadata blocks: fenced `toml`, `json`, `yaml`/`yml` blocks whose first line starts with `#!meta`. They are parsed and merged (later keys win, shallow) and removed from the text.
---
--- - `md`: the markdown text, or `nil` (returns `nil, nil`).
---
--- Returns `meta` (`{}` when there is none) and the remaining text (lines joined with `\n`, no final newline).
--- Errors when a meta block does not parse.
---
--- Example: `local meta, body = aip.md.extract_meta(input.content)`
---
--- `aip.md.extract_meta(md: string|nil) -> table|nil, string|nil`
---@param md? string|nil
---@return table|nil
---@return string|nil
function aip.md.extract_meta(md) end

--- Unwrap an answer that is one big fenced block: when the trimmed text starts with a fence, return the lines between the first and the last fence lines (plus `\n`); otherwise return the text unchanged.
---
--- - `md`: the text (typically `ai_response.content`).
---
--- Example: `local code = aip.md.outer_block_content_or_raw(ai_response.content)`
---
--- `aip.md.outer_block_content_or_raw(md: string) -> string`
---@param md string
---@return string
function aip.md.outer_block_content_or_raw(md) end

--- List links `[text](target)` and images `![alt](target)`, skipping fenced blocks and inline code.
---
--- - `md`: the markdown text, or `nil` (returns an empty list).
---
--- Returns `MdRef` items `{_type = "MdRef", target, text?, inline, kind}`: `inline` is true for images; `kind` is `"Anchor"` (target starts with `#`), `"Url"` (`http://`, `https://`, `//`) or `"File"`.
---
--- Example: `for _, r in ipairs(aip.md.extract_refs(doc)) do if r.kind == "File" then print(r.target) end end`
---
--- `aip.md.extract_refs(md: string|nil) -> MdRef[]`
---@param md? string|nil
---@return MdRef[]
function aip.md.extract_refs(md) end

--- JSON: parse (lenient JSONC) and NDJSON into Lua values, stringify tables as compact or pretty JSON.
---@class aip.json
aip.json = {}

--- Parse JSON text into Lua values. Lenient (JSONC): comments, trailing or missing commas,
--- unquoted or single-quoted keys, single-quoted strings, hex and `+` numbers.
---
--- - `s`: the JSON text; `nil` returns `nil`.
---
--- Returns the value: objects → tables, arrays → lists, nested `null` → `null`. Empty text
--- or a top-level `null` returns `nil`. Errors with `aip.json.parse failed. …` on invalid JSON.
---
--- Example: `local obj = aip.json.parse('{"name": "John", "age": 30}')`
---
--- `aip.json.parse(s: string|nil) -> any`
---@param s? string|nil
---@return any
function aip.json.parse(s) end

--- Parse newline-delimited JSON: one strict JSON value per line; blank lines are skipped.
---
--- - `s`: the NDJSON text; `nil` returns `nil`.
---
--- Returns a list with one value per non-blank line. Errors with
--- `aip.json.parse_ndjson failed. …` (naming the line) if a line is not valid JSON.
---
--- Example: `local events = aip.json.parse_ndjson(aip.file.load("log.ndjson").content)`
---
--- `aip.json.parse_ndjson(s: string|nil) -> any[]|nil`
---@param s? string|nil
---@return any[]|nil
function aip.json.parse_ndjson(s) end

--- Serialize a value as compact, single-line JSON.
---
--- - `content`: any value; tables whose keys are exactly `1..n` become arrays, other tables objects
---   (keys sorted); an empty table is `[]`; `nil`/`null` are `null`.
---
--- Returns the JSON text. Errors on values JSON cannot hold (functions, NaN, infinity).
---
--- Example: `local line = aip.json.stringify({ name = "John", age = 30 })`
---
--- `aip.json.stringify(v: any) -> string`
---@param v? any
---@return string
function aip.json.stringify(v) end

--- Serialize a value as pretty JSON, indented with 2 spaces.
---
--- - `content`: any value; tables whose keys are exactly `1..n` become arrays, other tables objects
---   (keys sorted); an empty table is `[]`; `nil`/`null` are `null`.
---
--- Returns the JSON text. Errors on values JSON cannot hold (functions, NaN, infinity).
---
--- Example: `aip.file.save("out.json", aip.json.stringify_pretty(data))`
---
--- `aip.json.stringify_pretty(v: any) -> string`
---@param v? any
---@return string
function aip.json.stringify_pretty(v) end

--- **Deprecated**: use `aip.json.stringify`. Serialize a value as compact, single-line JSON.
---
--- - `content`: any value; tables whose keys are exactly `1..n` become arrays, other tables objects
---   (keys sorted); an empty table is `[]`; `nil`/`null` are `null`.
---
--- Returns the JSON text. Errors on values JSON cannot hold (functions, NaN, infinity).
---
--- Example: `local line = aip.json.stringify_to_line(record)`
---
--- `aip.json.stringify_to_line(v: any) -> string`
---@param v? any
---@return string
function aip.json.stringify_to_line(v) end

--- TOML: parse TOML text into Lua tables and write tables back as TOML.
---@class aip.toml
aip.toml = {}

--- Parse TOML text into a Lua table.
---
--- - `s`: the TOML text (required).
---
--- Returns a table: TOML tables → tables, arrays → lists, integers stay integers, floats stay
--- floats (`1.0`), dates/times → their text. Errors with `aip.toml.parse failed. …` on invalid TOML.
---
--- Example: `local cfg = aip.toml.parse(aip.file.load("config.toml").content)`
---
--- `aip.toml.parse(s: string) -> table`
---@param s string
---@return table
function aip.toml.parse(s) end

--- Write a Lua table as TOML text.
---
--- - `t`: a table with string keys. Plain values come first, then `[table]` sections and
---   `[[array.of.tables]]` for lists of tables; keys are sorted. `null` values are left out.
---
--- Returns the TOML text. Errors with `aip.toml.stringify fail to stringify. …` when the value
--- is not a table with keys or holds something TOML cannot express (e.g. `null` in a list).
---
--- Example: `aip.file.save("out.toml", aip.toml.stringify({ title = "Example", owner = { name = "John" } }))`
---
--- `aip.toml.stringify(t: table) -> string`
---@param t table
---@return string
function aip.toml.stringify(t) end

--- YAML: parse multi-document YAML into a list of Lua values, write one or several documents.
---@class aip.yaml
aip.yaml = {}

--- Parse YAML text into a list of documents (documents are separated by `---`).
---
--- - `s`: the YAML text; `nil` returns `nil`.
---
--- Returns a list with one value per document (even for a single document). Nested `null`
--- values are `null`. Errors with `aip.yaml.parse failed. …` on invalid YAML.
---
--- Example: `local docs = aip.yaml.parse("name: John\n---\nname: Jane"); print(docs[2].name)`
---
--- `aip.yaml.parse(s: string|nil) -> any[]|nil`
---@param s? string|nil
---@return any[]|nil
function aip.yaml.parse(s) end

--- Write a value as a single YAML document.
---
--- - `v`: any value; keys are sorted, an empty table is `[]`, `nil`/`null` are `null`.
---
--- Returns the YAML text (ends with a newline). Errors with `aip.yaml.stringify fail to stringify. …`
--- for values YAML cannot hold here (functions, NaN).
---
--- Example: `local text = aip.yaml.stringify({ name = "John", age = 30 })`
---
--- `aip.yaml.stringify(v: any) -> string`
---@param v? any
---@return string
function aip.yaml.stringify(v) end

--- Write a list of values as a multi-document YAML text, documents separated by `---`.
---
--- - `docs`: a list; each item becomes one document.
---
--- Returns the YAML text. Errors with `aip.yaml.stringify_multi_docs failed. Content must be a list of tables.`
--- when `docs` is not a list.
---
--- Example: `aip.file.save("all.yaml", aip.yaml.stringify_multi_docs({ { name = "D1" }, { name = "D2" } }))`
---
--- `aip.yaml.stringify_multi_docs(docs: any[]) -> string`
---@param docs any[]
---@return string
function aip.yaml.stringify_multi_docs(docs) end

--- HTTP requests (GET/POST) that return a WebResponse, plus URL parsing and href resolution. Calls are cancelled with the run.
---@class aip.web
---@field UA_AIPACK string
---@field UA_BROWSER string
aip.web = {}

--- HTTP GET `url`, following redirects.
---
--- - `options.user_agent`: a string is sent as is (`aip.web.UA_BROWSER` is a common browser UA); `true` sends `aipack`;
---   `false` sends an empty one. It wins over a `User-Agent` in `headers`; without either, `aipack` is sent.
--- - `options.headers`: `{ name = value }` where value is a string or a list of strings.
--- - `options.redirect_limit`: redirects to follow (default 5); one more is an error.
--- - `options.parse`: when `true` and the response is `application/json`, `content` is the parsed table.
---
--- Returns a WebResponse `{success, status, url, content, content_type?, headers?, error?}`: `success` is true for 2xx, `url` is the final URL after redirects, `headers` maps lower-case names to a string (or a list when repeated), `error` is `"Not a 2xx status code (<status>)"` otherwise.
---
--- A non-2xx status is not an error (check `success`). A transport failure (bad URL, refused connection,
--- too many redirects, cancel) raises `Fail to do aip.web.get for url: <url>` with the cause.
---
--- Example: `local res = aip.web.get("https://example.com", { user_agent = aip.web.UA_BROWSER })`
---
--- `aip.web.get(url: string, opts?: WebOptions) -> WebResponse`
---@param url string
---@param opts? table
---@return WebResponse
function aip.web.get(url, opts) end

--- HTTP POST `data` to `url`.
---
--- - `data`: a string is sent with `Content-Type: plain/text` (aipack's literal value); a table is sent as JSON
---   with `Content-Type: application/json`. Anything else is an error.
--- - `options.user_agent`: a string is sent as is (`aip.web.UA_BROWSER` is a common browser UA); `true` sends `aipack`;
---   `false` sends an empty one. It wins over a `User-Agent` in `headers`; without either, `aipack` is sent.
--- - `options.headers`: `{ name = value }` where value is a string or a list of strings.
--- - `options.redirect_limit`: redirects to follow (default 5); one more is an error.
--- - `options.parse`: when `true` and the response is `application/json`, `content` is the parsed table.
---
--- Returns a WebResponse `{success, status, url, content, content_type?, headers?, error?}`: `success` is true for 2xx, `url` is the final URL after redirects, `headers` maps lower-case names to a string (or a list when repeated), `error` is `"Not a 2xx status code (<status>)"` otherwise.
---
--- Errors as `aip.web.get` (`Fail to do aip.web.post for url: …`).
---
--- Example: `local res = aip.web.post(api_url, { name = "x" }, { parse = true })`
---
--- `aip.web.post(url: string, data: string|table, opts?: WebOptions) -> WebResponse`
---@param url string
---@param data string|table
---@param opts? table
---@return WebResponse
function aip.web.post(url, data, opts) end

--- Split a URL into parts: `{scheme, host?, port?, path, query?, fragment?, username, password?, url, page_url}`.
--- `query` maps parameter names to values (nil when there is no query); `port` is nil for the scheme's default;
--- `page_url` is `scheme://host[:port]/path` (no query, no fragment). `nil` gives `nil`.
---
--- Errors: `Cannot parse url '<url>'.` with the cause when the string is not an absolute URL.
---
--- Example: `local u = aip.web.parse_url("https://example.com:8080/a?b=1")  -- u.port == 8080, u.query.b == "1"`
---
--- `aip.web.parse_url(url: string|nil) -> table|nil`
---@param url? string|nil
---@return table|nil
function aip.web.parse_url(url) end

--- Resolve an `href` (as found in an `<a>` tag) against `base_url` (RFC 3986): an absolute href is returned
--- unchanged; `/x`, `x`, `//host/x`, `?q` and `#frag` are joined to the base. `nil` href gives `nil`.
---
--- Errors: `aip.web.resolve_href: Invalid base_url '<base>'.` when the base is not an absolute URL.
---
--- Example: `aip.web.resolve_href("sub/page.html", "https://example.com/docs/")  -- "https://example.com/docs/sub/page.html"`
---
--- `aip.web.resolve_href(href: string|nil, base_url: string) -> string|nil`
---@param href? string|nil
---@param base_url string
---@return string|nil
function aip.web.resolve_href(href, base_url) end

--- Run system commands (no shell) and collect stdout, stderr and the exit code.
---@class aip.cmd
aip.cmd = {}

--- Run `cmd` directly (no shell: no pipes, globs or `$VARS`) and wait for it.
---
--- - `args`: a string is passed as **one** argument; a list is the argument vector.
--- - `opts.cwd`: working directory, workspace-relative unless absolute (empty = current).
---
--- On Windows the command runs as `cmd /C "<cmd> <args joined by spaces>"`.
---
--- Returns `{stdout, stderr, exit}`; `exit` is -1 when the process was killed by a signal. A non-zero exit is not an error.
---
--- Errors: `Fail to execute: <cmd> <args>` (with the working directory and the cause) when the command cannot start.
--- Cancelling the run kills the process.
---
--- Example: `local r = aip.cmd.exec("git", {"status", "--short"}, {cwd = "sub/project"})`
---
--- `aip.cmd.exec(cmd: string, args?: string|string[], opts?: {cwd?}) -> CmdResponse`
---@param cmd string
---@param args? string|string[]
---@param opts? table
---@return CmdResponse
function aip.cmd.exec(cmd, args, opts) end

--- Git helpers run in the workspace directory.
---@class aip.git
aip.git = {}

--- Run `git restore <path>` in the workspace directory (discarding uncommitted changes to that path).
---
--- Returns git's standard output.
---
--- Errors: when there is no workspace; `'git restore <path>' failed` with git's message when git writes
--- anything to stderr (e.g. an unknown path).
---
--- Example: `aip.git.restore("src/main.ts")`
---
--- `aip.git.restore(path: string) -> string`
---@param path string
---@return string
function aip.git.restore(path) end

--- Open files in the user's editor.
---@class aip.editor
aip.editor = {}

--- Open an existing file in the editor: a VS Code editor tab in the extension; in the CLI the program named by
--- `VISUAL`/`EDITOR` (or the terminal's editor, `TERM_PROGRAM`/`ZED_TERM`).
---
--- - `path`: workspace-relative, absolute, `~/…` or a pack reference (`ns@pack/file.md`).
---
--- Returns `{editor = "<name>"}`, or `nil` when no editor could be found or it failed to open.
---
--- Errors: `File does not exist: <path>` when the path is not an existing file.
---
--- Example: `local r = aip.editor.open_file("README.md"); if r then print("opened in " .. r.editor) end`
---
--- `aip.editor.open_file(path: string) -> {editor}|nil`
---@param path string
---@return table|nil
function aip.editor.open_file(path) end

--- Source-code helpers.
---@class aip.code
aip.code = {}

--- Make a one-line comment for a file extension: `lua`/`sql` → `-- text`, `html` → `<!-- text -->`, `css`/`pcss` → `/* text */`, `py` → `# text`, anything else → `// text`.
---
--- - `ext`: file extension without the dot (trimmed, case-insensitive).
--- - `text`: the comment text (kept as is).
---
--- Example: `aip.code.comment_line("py", "generated") -- "# generated"`
---
--- `aip.code.comment_line(ext: string, text: string) -> string`
---@param ext string
---@param text string
---@return string
function aip.code.comment_line(ext, text) end

--- Rust source helpers.
---@class aip.rust
aip.rust = {}

--- Keep the declarations of Rust code (uses, structs, impls, function signatures, top-level comments) and replace each function body with `{ // ... }`; `#[cfg(test)]` blocks are emptied the same way.
---
--- - `code`: the Rust source.
---
--- Returns the pruned source. Errors with `Failed to prune Rust code: …` when the text cannot be scanned (e.g. form-feed characters).
---
--- Example: `local outline = aip.rust.prune_to_declarations(file.content)`
---
--- `aip.rust.prune_to_declarations(code: string) -> string`
---@param code string
---@return string
function aip.rust.prune_to_declarations(code) end

--- Handlebars rendering with the same engine and rules as prompt sections.
---@class aip.hbs
aip.hbs = {}

--- Render a Handlebars template with `data` as the root context, exactly as prompt sections are rendered: no HTML escaping, missing values render empty, helpers `if unless each with lookup raw log eq ne gt gte lt lte and or not len`, inline partials.
---
--- - `template`: the Handlebars template.
--- - `data`: any value (usually a table) used as the root context.
---
--- Returns the rendered text. Errors on a template syntax error or an unknown helper.
---
--- Example: `aip.hbs.render("Hello {{name}}", {name = "World"}) -- "Hello World"`
---
--- `aip.hbs.render(template: string, data: any) -> string`
---@param template string
---@param data? any
---@return string
function aip.hbs.render(template, data) end

--- HTML helpers: slim a page down to its content, select elements with CSS selectors, convert to Markdown.
---@class aip.html
aip.html = {}

--- Strip non-content from HTML: `<script>`, `<link>`, `<style>`, `<svg>`, comments, empty wrappers and empty lines,
--- and every attribute except `class`, `aria-label`, `href`, `title` and `id` (in `<head>` only `<title>` and
--- `<meta property=og:…>` survive). The result is indented by two spaces.
---
--- Errors: `Failed to prune HTML content: …` if the HTML cannot be processed.
---
--- Example: `local clean = aip.html.slim(res.content)`
---
--- `aip.html.slim(html: string) -> string`
---@param html string
---@return string
function aip.html.slim(html) end

--- Find elements with CSS selectors (one string or a list, matched as one selector group, in document order).
---
--- Returns a list of `{tag, attrs?, text?, inner_html?}`: `attrs` is omitted when the element has none; `text`
--- (all descendant text) and `inner_html` are trimmed and omitted when blank. `nil` selectors give `{}`.
---
--- Errors: `Cannot apply selector '<sel>'.` for an invalid selector.
---
--- Example: `for _, a in ipairs(aip.html.select(html, "a.nav")) do print(a.attrs.href, a.text) end`
---
--- `aip.html.select(html: string, selectors: string|string[]) -> Elem[]`
---@param html string
---@param selectors string|string[]
---@return Elem[]
function aip.html.select(html, selectors) end

--- Convert HTML to Markdown (ATX `#` headings, `-` bullets, fenced code blocks; scripts and styles dropped).
---
--- Errors: `Failed to convert HTML to Markdown: …`.
---
--- Example: `aip.html.to_md("<h1>Hello</h1><p>World</p>")  -- "# Hello\n\nWorld"`
---
--- `aip.html.to_md(html: string) -> string`
---@param html string
---@return string
function aip.html.to_md(html) end

--- **Deprecated**: use `aip.html.slim`.
---
--- Strip non-content from HTML: `<script>`, `<link>`, `<style>`, `<svg>`, comments, empty wrappers and empty lines,
--- and every attribute except `class`, `aria-label`, `href`, `title` and `id` (in `<head>` only `<title>` and
--- `<meta property=og:…>` survive). The result is indented by two spaces.
---
--- Errors: `Failed to prune HTML content: …` if the HTML cannot be processed.
---
--- Example: `local clean = aip.html.prune_to_content(html)`
---
--- `aip.html.prune_to_content(html: string) -> string`
---@param html string
---@return string
function aip.html.prune_to_content(html) end

--- Extract XML-like tagged blocks (`<NAME attr="v">…</NAME>`, `<NAME/>`) from text, e.g. from an AI answer.
---@class aip.tag
aip.tag = {}

--- Extract the tagged blocks, in order of appearance.
---
--- - `content`: the text to scan.
--- - `names`: a tag name or a list of names (trimmed, case-sensitive).
--- - `opts` (optional): `{extrude = "content"}` to also return the text outside the tags as a second value.
---
--- A `TagElem` is `{tag, attrs?, content}`; `attrs` holds the opening tag attributes (`nil` when none). Tags do not nest; an opening tag without its closing tag stops the scan.
--- Errors when `names` is missing, empty, or has an empty name.
---
--- Example: `local files = aip.tag.extract(ai_response.content, "FILE")`
---
--- `aip.tag.extract(content: string, names: string|string[], opts?: {extrude?: 'content'}) -> TagElem[] (, rest)`
---@param content string
---@param names string|string[]
---@param opts? table
---@return TagElem[]
function aip.tag.extract(content, names, opts) end

--- Extract the tagged blocks into a table keyed by tag name; when a tag occurs several times, the last one wins.
---
--- - `content`: the text to scan.
--- - `names`: a tag name or a list of names (trimmed, case-sensitive).
--- - `opts` (optional): `{extrude = "content"}` to also return the text outside the tags as a second value.
---
--- A `TagElem` is `{tag, attrs?, content}`; `attrs` holds the opening tag attributes (`nil` when none). Tags do not nest; an opening tag without its closing tag stops the scan.
--- Errors when `names` is missing, empty, or has an empty name.
---
--- Example: `local m = aip.tag.extract_as_map(text, {"PLAN", "CODE"}); print(m.PLAN.content)`
---
--- `aip.tag.extract_as_map(content: string, names: string|string[], opts?) -> {[tag]: TagElem} (, rest)`
---@param content string
---@param names string|string[]
---@param opts? any
---@return table
function aip.tag.extract_as_map(content, names, opts) end

--- Extract the tagged blocks into a table keyed by tag name, each holding the list of its occurrences in order.
---
--- - `content`: the text to scan.
--- - `names`: a tag name or a list of names (trimmed, case-sensitive).
--- - `opts` (optional): `{extrude = "content"}` to also return the text outside the tags as a second value.
---
--- A `TagElem` is `{tag, attrs?, content}`; `attrs` holds the opening tag attributes (`nil` when none). Tags do not nest; an opening tag without its closing tag stops the scan.
--- Errors when `names` is missing, empty, or has an empty name.
---
--- Example: `local m = aip.tag.extract_as_multi_map(text, "FILE"); for _, f in ipairs(m.FILE or {}) do … end`
---
--- `aip.tag.extract_as_multi_map(content: string, names: string|string[], opts?) -> {[tag]: TagElem[]} (, rest)`
---@param content string
---@param names string|string[]
---@param opts? any
---@return table
function aip.tag.extract_as_multi_map(content, names, opts) end

--- CSV: parse content or a single row (custom delimiter, quote, escape, trimming, headers, comments) and write value lists as CSV rows.
---@class aip.csv
aip.csv = {}

--- Parse one CSV record into its fields (quotes, escapes and trimming apply).
---
--- - `row`: the record text; only the first record is read if there are several lines.
--- - `opts`: `CsvOptions`; `has_header`, `skip_empty_lines` and `comment` are ignored.
---
--- Returns the list of fields (strings); empty text gives an empty list.
---
--- Example: `local fields = aip.csv.parse_row('a,"b,c",d') -- {"a", "b,c", "d"}`
---
--- `aip.csv.parse_row(row: string, opts?: CsvOptions) -> string[]`
---@param row string
---@param opts? table
---@return string[]
function aip.csv.parse_row(row, opts) end

--- Parse CSV content into `{ _type = "CsvContent", headers = string[], rows = string[][] }`.
---
--- - `content`: the CSV text.
--- - `opts`: `CsvOptions`: `delimiter` (","), `quote` ("\""), `escape` ("\""), `trim_fields` (false),
--- `has_header` (true), `header_labels` ({key = label}), `skip_empty_lines` (true), `comment` (e.g. "#").
--- Only the first character of `delimiter`/`quote`/`escape`/`comment` is used.
---
--- The first record is the header row unless `has_header = false` (then `headers` is empty).
--- `header_labels` renames a header equal to a label to its key. Blank lines are always skipped;
--- rows whose fields are all blank are skipped when `skip_empty_lines` is true.
---
--- Example: `local csv = aip.csv.parse(content, { comment = "#" }); print(csv.rows[1][1])`
---
--- `aip.csv.parse(content: string, opts?: CsvOptions) -> CsvContent`
---@param content string
---@param opts? table
---@return CsvContent
function aip.csv.parse(content, opts) end

--- Write a list of values as one CSV record (no line break at the end).
---
--- - `values`: strings, numbers, booleans, tables (written as JSON) or `null` (empty field).
--- - `opts`: `CsvOptions` (`delimiter`, `quote`).
---
--- Fields holding the delimiter, the quote or a line break are quoted, quotes doubled.
--- Errors if `values` is not a table or holds a function.
---
--- Example: `aip.csv.values_to_row({"a,b", 1, true}) -- '"a,b",1,true'`
---
--- `aip.csv.values_to_row(values: any[], opts?: CsvOptions) -> string`
---@param values any[]
---@param opts? table
---@return string
function aip.csv.values_to_row(values, opts) end

--- Write each inner list as one CSV record (see `values_to_row`).
---
--- - `lists`: a list of lists of values.
--- - `opts`: `CsvOptions` (`delimiter`, `quote`).
---
--- Returns one string per inner list. Errors name the row (`Row 2: …`).
---
--- Example: `local lines = aip.csv.value_lists_to_rows({ {"a", 1}, {"b", 2} })`
---
--- `aip.csv.value_lists_to_rows(lists: any[][], opts?: CsvOptions) -> string[]`
---@param lists any[][]
---@param opts? table
---@return string[]
function aip.csv.value_lists_to_rows(lists, opts) end

--- Shape row-like data: zip names and values into records, records into value lists or columns, and select, omit or extract keys.
---@class aip.shape
aip.shape = {}

--- Zip column names and values into a record; extra names or values are ignored.
---
--- - `names`: list of column names (strings). `values`: list of values.
---
--- Returns the record table. Errors if `names` holds a non-string.
---
--- Example: `aip.shape.to_record({ "id", "name" }, { 1, "Alice" }) -- { id = 1, name = "Alice" }`
---
--- `aip.shape.to_record(names: string[], values: any[]) -> table`
---@param names string[]
---@param values any[]
---@return table
function aip.shape.to_record(names, values) end

--- Build one record per row from column names (each row zipped as in `to_record`).
---
--- - `names`: list of column names. `rows`: list of value lists.
---
--- Returns the list of records. Errors if a row is not a table.
---
--- Example: `local recs = aip.shape.to_records(csv.headers, csv.rows)`
---
--- `aip.shape.to_records(names: string[], rows: any[][]) -> table[]`
---@param names string[]
---@param rows any[][]
---@return table[]
function aip.shape.to_records(names, rows) end

--- Values of a record as a list.
---
--- - `rec`: the record. `names`: optional column order; a missing key gives `null`.
---   Without `names`, values follow the alphabetical order of the string keys.
---
--- Returns the list of values.
---
--- Example: `aip.shape.record_to_values({ b = 2, a = 1 }) -- { 1, 2 }`
---
--- `aip.shape.record_to_values(rec: table, names?: string[]) -> any[]`
---@param rec table
---@param names? string[]
---@return any[]
function aip.shape.record_to_values(rec, names) end

--- Turn records into value lists in the given column order (a matrix); missing keys give `null`.
---
--- - `recs`: list of records. `names`: column order.
---
--- Returns a list of lists. Errors if a record is not a table.
---
--- Example: `local rows = aip.shape.records_to_value_lists(users, { "id", "name" })`
---
--- `aip.shape.records_to_value_lists(recs: table[], names: string[]) -> any[][]`
---@param recs table[]
---@param names string[]
---@return any[][]
function aip.shape.records_to_value_lists(recs, names) end

--- Turn columns (`{ name = {v1, v2, …} }`) into a list of records.
---
--- - `cols`: table of column name → list of values; all lists must have the same length.
---
--- Returns the list of records. Errors on a non-list column or unequal lengths.
---
--- Example: `aip.shape.columnar_to_records({ id = { 1, 2 }, name = { "A", "B" } })`
---
--- `aip.shape.columnar_to_records(cols: {[k]: any[]}) -> table[]`
---@param cols table
---@return table[]
function aip.shape.columnar_to_records(cols) end

--- Turn a list of records into columns, keeping only the keys present in every record.
---
--- - `recs`: list of records (string keys).
---
--- Returns `{ key = {values…} }`; an empty table when there are no records or no shared keys.
---
--- Example: `local cols = aip.shape.records_to_columnar(users) -- cols.id, cols.name`
---
--- `aip.shape.records_to_columnar(recs: table[]) -> {[k]: any[]}`
---@param recs table[]
---@return table
function aip.shape.records_to_columnar(recs) end

--- New record with only the given keys (keys absent from `rec` are skipped).
---
--- - `rec`: the record. `keys`: list of key names (strings).
---
--- Returns the new table; `rec` is unchanged.
---
--- Example: `aip.shape.select_keys(user, { "id", "name" })`
---
--- `aip.shape.select_keys(rec: table, keys: string[]) -> table`
---@param rec table
---@param keys string[]
---@return table
function aip.shape.select_keys(rec, keys) end

--- New record with every key except the given ones.
---
--- - `rec`: the record. `keys`: list of key names (strings).
---
--- Returns the new table; `rec` is unchanged.
---
--- Example: `aip.shape.omit_keys(user, { "password" })`
---
--- `aip.shape.omit_keys(rec: table, keys: string[]) -> table`
---@param rec table
---@param keys string[]
---@return table
function aip.shape.omit_keys(rec, keys) end

--- Remove keys from a record **in place**.
---
--- - `rec`: the record (table) to edit. `keys`: list of key names (strings).
---
--- Returns how many keys were present and removed.
---
--- Example: `local n = aip.shape.remove_keys(user, { "password", "token" })`
---
--- `aip.shape.remove_keys(rec: table, keys: string[]) -> integer (rec mutated)`
---@param rec table
---@param keys string[]
---@return table
function aip.shape.remove_keys(rec, keys) end

--- Move keys out of a record: they are removed from `rec` **in place** and returned in a new table.
---
--- - `rec`: the record (table) to edit. `keys`: list of key names (strings).
---
--- Returns a table with the removed key/value pairs (keys absent from `rec` are skipped).
---
--- Example: `local meta = aip.shape.extract_keys(row, { "id", "created_at" })`
---
--- `aip.shape.extract_keys(rec: table, keys: string[]) -> table (rec mutated)`
---@param rec table
---@param keys string[]
---@return table
function aip.shape.extract_keys(rec, keys) end

--- Hashes of text: SHA-256, SHA-512 and BLAKE3, as hex, base64, URL-safe base64 (no padding) or base58.
---@class aip.hash
aip.hash = {}

--- SHA-256 digest of the UTF-8 bytes of `s`, encoded as lowercase hex.
---
--- - `s`: the text to hash; `nil` returns `nil`.
---
--- Returns the encoded digest. Errors if `s` is neither a string nor `nil`.
---
--- Example: `local id = aip.hash.sha256(content)`
---
--- `aip.hash.sha256(s: string) -> string`
---@param s string
---@return string
function aip.hash.sha256(s) end

--- SHA-256 digest of the UTF-8 bytes of `s`, encoded as base58 (Bitcoin alphabet).
---
--- - `s`: the text to hash; `nil` returns `nil`.
---
--- Returns the encoded digest. Errors if `s` is neither a string nor `nil`.
---
--- Example: `local id = aip.hash.sha256_b58(content)`
---
--- `aip.hash.sha256_b58(s: string) -> string`
---@param s string
---@return string
function aip.hash.sha256_b58(s) end

--- SHA-256 digest of the UTF-8 bytes of `s`, encoded as standard base64 (with `=` padding).
---
--- - `s`: the text to hash; `nil` returns `nil`.
---
--- Returns the encoded digest. Errors if `s` is neither a string nor `nil`.
---
--- Example: `local id = aip.hash.sha256_b64(content)`
---
--- `aip.hash.sha256_b64(s: string) -> string`
---@param s string
---@return string
function aip.hash.sha256_b64(s) end

--- SHA-256 digest of the UTF-8 bytes of `s`, encoded as URL-safe base64 without padding.
---
--- - `s`: the text to hash; `nil` returns `nil`.
---
--- Returns the encoded digest. Errors if `s` is neither a string nor `nil`.
---
--- Example: `local id = aip.hash.sha256_b64u(content)`
---
--- `aip.hash.sha256_b64u(s: string) -> string`
---@param s string
---@return string
function aip.hash.sha256_b64u(s) end

--- SHA-512 digest of the UTF-8 bytes of `s`, encoded as lowercase hex.
---
--- - `s`: the text to hash; `nil` returns `nil`.
---
--- Returns the encoded digest. Errors if `s` is neither a string nor `nil`.
---
--- Example: `local id = aip.hash.sha512(content)`
---
--- `aip.hash.sha512(s: string) -> string`
---@param s string
---@return string
function aip.hash.sha512(s) end

--- SHA-512 digest of the UTF-8 bytes of `s`, encoded as base58 (Bitcoin alphabet).
---
--- - `s`: the text to hash; `nil` returns `nil`.
---
--- Returns the encoded digest. Errors if `s` is neither a string nor `nil`.
---
--- Example: `local id = aip.hash.sha512_b58(content)`
---
--- `aip.hash.sha512_b58(s: string) -> string`
---@param s string
---@return string
function aip.hash.sha512_b58(s) end

--- SHA-512 digest of the UTF-8 bytes of `s`, encoded as standard base64 (with `=` padding).
---
--- - `s`: the text to hash; `nil` returns `nil`.
---
--- Returns the encoded digest. Errors if `s` is neither a string nor `nil`.
---
--- Example: `local id = aip.hash.sha512_b64(content)`
---
--- `aip.hash.sha512_b64(s: string) -> string`
---@param s string
---@return string
function aip.hash.sha512_b64(s) end

--- SHA-512 digest of the UTF-8 bytes of `s`, encoded as URL-safe base64 without padding.
---
--- - `s`: the text to hash; `nil` returns `nil`.
---
--- Returns the encoded digest. Errors if `s` is neither a string nor `nil`.
---
--- Example: `local id = aip.hash.sha512_b64u(content)`
---
--- `aip.hash.sha512_b64u(s: string) -> string`
---@param s string
---@return string
function aip.hash.sha512_b64u(s) end

--- BLAKE3 digest of the UTF-8 bytes of `s`, encoded as lowercase hex.
---
--- - `s`: the text to hash; `nil` returns `nil`.
---
--- Returns the encoded digest. Errors if `s` is neither a string nor `nil`.
---
--- Example: `local id = aip.hash.blake3(content)`
---
--- `aip.hash.blake3(s: string) -> string`
---@param s string
---@return string
function aip.hash.blake3(s) end

--- BLAKE3 digest of the UTF-8 bytes of `s`, encoded as base58 (Bitcoin alphabet).
---
--- - `s`: the text to hash; `nil` returns `nil`.
---
--- Returns the encoded digest. Errors if `s` is neither a string nor `nil`.
---
--- Example: `local id = aip.hash.blake3_b58(content)`
---
--- `aip.hash.blake3_b58(s: string) -> string`
---@param s string
---@return string
function aip.hash.blake3_b58(s) end

--- BLAKE3 digest of the UTF-8 bytes of `s`, encoded as standard base64 (with `=` padding).
---
--- - `s`: the text to hash; `nil` returns `nil`.
---
--- Returns the encoded digest. Errors if `s` is neither a string nor `nil`.
---
--- Example: `local id = aip.hash.blake3_b64(content)`
---
--- `aip.hash.blake3_b64(s: string) -> string`
---@param s string
---@return string
function aip.hash.blake3_b64(s) end

--- BLAKE3 digest of the UTF-8 bytes of `s`, encoded as URL-safe base64 without padding.
---
--- - `s`: the text to hash; `nil` returns `nil`.
---
--- Returns the encoded digest. Errors if `s` is neither a string nor `nil`.
---
--- Example: `local id = aip.hash.blake3_b64u(content)`
---
--- `aip.hash.blake3_b64u(s: string) -> string`
---@param s string
---@return string
function aip.hash.blake3_b64u(s) end

--- UUIDs: new v4 (random) and v7 (time-ordered) ids, as text or compact base64/base58, and the time inside v1/v6/v7 ids.
---@class aip.uuid
aip.uuid = {}

--- New random UUID (version 4). Same as `aip.uuid.new_v4()`.
---
--- Returns the canonical lowercase hyphenated form (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`).
---
--- Example: `local id = aip.uuid.new()`
---
--- `aip.uuid.new() -> string (v4)`
---@return table
function aip.uuid.new() end

--- New random UUID (version 4).
---
--- Returns the canonical lowercase hyphenated form (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`).
---
--- Example: `local id = aip.uuid.new_v4()`
---
--- `aip.uuid.new_v4() -> string`
---@return string
function aip.uuid.new_v4() end

--- New time-ordered UUID (version 7): sorts by creation time (ms).
---
--- Returns the canonical lowercase hyphenated form (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`).
---
--- Example: `local id = aip.uuid.new_v7()`
---
--- `aip.uuid.new_v7() -> string`
---@return string
function aip.uuid.new_v7() end

--- New UUID v4 (random), its 16 bytes encoded as standard base64 (24 characters with `==` padding).
---
--- Compact ids for file names, keys and URLs.
---
--- Example: `local id = aip.uuid.new_v4_b64()`
---
--- `aip.uuid.new_v4_b64() -> string`
---@return string
function aip.uuid.new_v4_b64() end

--- New UUID v4 (random), its 16 bytes encoded as URL-safe base64 without padding (22 characters).
---
--- Compact ids for file names, keys and URLs.
---
--- Example: `local id = aip.uuid.new_v4_b64u()`
---
--- `aip.uuid.new_v4_b64u() -> string`
---@return string
function aip.uuid.new_v4_b64u() end

--- New UUID v4 (random), its 16 bytes encoded as base58 (about 22 characters).
---
--- Compact ids for file names, keys and URLs.
---
--- Example: `local id = aip.uuid.new_v4_b58()`
---
--- `aip.uuid.new_v4_b58() -> string`
---@return string
function aip.uuid.new_v4_b58() end

--- New UUID v7 (time-ordered), its 16 bytes encoded as standard base64 (24 characters with `==` padding).
---
--- Compact ids for file names, keys and URLs.
---
--- Example: `local id = aip.uuid.new_v7_b64()`
---
--- `aip.uuid.new_v7_b64() -> string`
---@return string
function aip.uuid.new_v7_b64() end

--- New UUID v7 (time-ordered), its 16 bytes encoded as URL-safe base64 without padding (22 characters).
---
--- Compact ids for file names, keys and URLs.
---
--- Example: `local id = aip.uuid.new_v7_b64u()`
---
--- `aip.uuid.new_v7_b64u() -> string`
---@return string
function aip.uuid.new_v7_b64u() end

--- New UUID v7 (time-ordered), its 16 bytes encoded as base58 (about 22 characters).
---
--- Compact ids for file names, keys and URLs.
---
--- Example: `local id = aip.uuid.new_v7_b58()`
---
--- `aip.uuid.new_v7_b58() -> string`
---@return string
function aip.uuid.new_v7_b58() end

--- Creation time of a time-based UUID (v1, v6, v7) in milliseconds since the Unix epoch.
---
--- - `s`: the UUID text (hyphenated, 32 hex digits, `{braced}` or `urn:uuid:`); `nil` returns `nil`.
---
--- Returns the epoch milliseconds, or `nil` if `s` is not a UUID or its version has no time (e.g. v4).
--- Errors if `s` is neither a string nor `nil`.
---
--- Example: `local ms = aip.uuid.to_time_epoch_ms(aip.uuid.new_v7())`
---
--- `aip.uuid.to_time_epoch_ms(s: string|nil) -> integer|nil`
---@param s? string|nil
---@return integer|nil
function aip.uuid.to_time_epoch_ms(s) end

--- Current time and date: RFC 3339 timestamps (UTC or local, seconds or microseconds), epoch microseconds, today and weekday, local zone id.
---@class aip.time
aip.time = {}

--- Current time in UTC as RFC 3339 with seconds, e.g. `2025-08-23T14:35:12Z`.
---
--- No arguments; returns a string. Reads the host clock (and the local zone for the `_local` variants); never errors.
---
--- Example: `local ts = aip.time.now_iso_utc()`
---
--- `aip.time.now_iso_utc() -> string`
---@return string
function aip.time.now_iso_utc() end

--- Current local time as RFC 3339 with seconds and the UTC offset, e.g. `2025-08-23T09:35:12-05:00` (`Z` when the offset is zero).
---
--- No arguments; returns a string. Reads the host clock (and the local zone for the `_local` variants); never errors.
---
--- Example: `local ts = aip.time.now_iso_local()`
---
--- `aip.time.now_iso_local() -> string`
---@return string
function aip.time.now_iso_local() end

--- Current time in UTC as RFC 3339 with microseconds, e.g. `2025-08-23T14:35:12.123456Z`.
---
--- No arguments; returns a string. Reads the host clock (and the local zone for the `_local` variants); never errors.
---
--- Example: `local ts = aip.time.now_iso_utc_micro()`
---
--- `aip.time.now_iso_utc_micro() -> string`
---@return string
function aip.time.now_iso_utc_micro() end

--- Current local time as RFC 3339 with microseconds and the UTC offset, e.g. `2025-08-23T09:35:12.123456-05:00`.
---
--- No arguments; returns a string. Reads the host clock (and the local zone for the `_local` variants); never errors.
---
--- Example: `local ts = aip.time.now_iso_local_micro()`
---
--- `aip.time.now_iso_local_micro() -> string`
---@return string
function aip.time.now_iso_local_micro() end

--- Current time as microseconds since the Unix epoch (UTC), e.g. `1755959712123456`.
---
--- No arguments; returns an integer. Reads the host clock (and the local zone for the `_local` variants); never errors.
---
--- Example: `local t0 = aip.time.now_utc_micro()`
---
--- `aip.time.now_utc_micro() -> integer`
---@return integer
function aip.time.now_utc_micro() end

--- Today's weekday and date in UTC, e.g. `Saturday 2025-08-23`.
---
--- No arguments; returns a string. Reads the host clock (and the local zone for the `_local` variants); never errors.
---
--- Example: `local today = aip.time.today_utc()`
---
--- `aip.time.today_utc() -> string`
---@return string
function aip.time.today_utc() end

--- Today's weekday and date in the local zone, e.g. `Saturday 2025-08-23`.
---
--- No arguments; returns a string. Reads the host clock (and the local zone for the `_local` variants); never errors.
---
--- Example: `local today = aip.time.today_local()`
---
--- `aip.time.today_local() -> string`
---@return string
function aip.time.today_local() end

--- Today's date in UTC as `YYYY-MM-DD`.
---
--- No arguments; returns a string. Reads the host clock (and the local zone for the `_local` variants); never errors.
---
--- Example: `local day = aip.time.today_iso_utc()`
---
--- `aip.time.today_iso_utc() -> string`
---@return string
function aip.time.today_iso_utc() end

--- Today's date in the local zone as `YYYY-MM-DD`.
---
--- No arguments; returns a string. Reads the host clock (and the local zone for the `_local` variants); never errors.
---
--- Example: `local day = aip.time.today_iso_local()`
---
--- `aip.time.today_iso_local() -> string`
---@return string
function aip.time.today_iso_local() end

--- Today's weekday name in UTC, e.g. `Saturday`.
---
--- No arguments; returns a string. Reads the host clock (and the local zone for the `_local` variants); never errors.
---
--- Example: `local wd = aip.time.weekday_utc()`
---
--- `aip.time.weekday_utc() -> string`
---@return string
function aip.time.weekday_utc() end

--- Today's weekday name in the local zone, e.g. `Saturday`.
---
--- No arguments; returns a string. Reads the host clock (and the local zone for the `_local` variants); never errors.
---
--- Example: `local wd = aip.time.weekday_local()`
---
--- `aip.time.weekday_local() -> string`
---@return string
function aip.time.weekday_local() end

--- IANA id of the local time zone, e.g. `America/Los_Angeles` (`UTC` if unknown).
---
--- No arguments; returns a string. Reads the host clock (and the local zone for the `_local` variants); never errors.
---
--- Example: `local tz = aip.time.local_tz_id()`
---
--- `aip.time.local_tz_id() -> string`
---@return string
function aip.time.local_tz_id() end

--- Semantic versions (SemVer 2.0.0): compare with an operator, parse into parts, check validity and prerelease.
---@class aip.semver
aip.semver = {}

--- Compare two versions with an operator.
---
--- - `a`, `b`: versions (`MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]`, no `v` prefix).
--- - `op`: `<`, `<=`, `=` or `==`, `>=`, `>`, `!=` or `~=`.
---
--- Returns the comparison result. A prerelease is lower than its release (`1.2.3-alpha < 1.2.3`);
--- build metadata counts too (`1.0.0+build ~= 1.0.0`). Errors: `Invalid version 'x': …`,
--- `Invalid operator 'op'`.
---
--- Example: `if aip.semver.compare(CTX.VERSION or "0.0.0", "<", "0.7.0") then … end`
---
--- `aip.semver.compare(a: string, op: string, b: string) -> boolean`
---@param a string
---@param op string
---@param b string
---@return boolean
function aip.semver.compare(a, op, b) end

--- Split a version into its parts.
---
--- - `v`: the version text.
---
--- Returns `{ major, minor, patch, prerelease?, build? }` (integers; `prerelease`/`build` are
--- strings, absent when empty). Errors with `Invalid version 'v': …`.
---
--- Example: `local v = aip.semver.parse("1.2.3-beta.1+build.123") -- v.prerelease == "beta.1"`
---
--- `aip.semver.parse(v: string) -> {major, minor, patch, prerelease?, build?}`
---@param v string
---@return table
function aip.semver.parse(v) end

--- Whether a version has a prerelease part (`1.2.3-beta` → true, `1.0.0+build` → false).
---
--- - `v`: the version text.
---
--- Errors with `Invalid version 'v': …`.
---
--- Example: `if aip.semver.is_prerelease(version) then print("preview build") end`
---
--- `aip.semver.is_prerelease(v: string) -> boolean`
---@param v string
---@return boolean
function aip.semver.is_prerelease(v) end

--- Whether a text is a valid semantic version (`1.0` and `v1.2.3` are not). Never errors on the
--- version text itself.
---
--- - `v`: the text to check.
---
--- Example: `if not aip.semver.valid(input) then return aip.flow.skip("bad version") end`
---
--- `aip.semver.valid(v: string) -> boolean`
---@param v string
---@return boolean
function aip.semver.valid(v) end

--- Lua helpers: dump any value as readable text, merge tables in place (shallow or deep).
---@class aip.lua
aip.lua = {}

--- Readable multi-line text of any Lua value, for debugging.
---
--- Strings are quoted, tables indented two spaces per level, `null` shows as `NULL`,
--- functions as `<function <anonymous>>`. `print` uses it for tables.
---
--- Example: `print(aip.lua.dump({ a = 1, b = { "x" } }))`
---
--- `aip.lua.dump(value: any) -> string`
---@param value? any
---@return string
function aip.lua.dump(value) end

--- Shallow merge: copy every key of each `obj` into `target`, in place, and return `target`.
---
--- `nil` and `null` objects are ignored; a non-table object is an error; `target` is required.
---
--- Example: `local opts = aip.lua.merge({ depth = 1 }, user_opts)`
---
--- `aip.lua.merge(target: table, ...objs: table | nil) -> table`
---@param target table
---@param ... table|nil
---@return table
function aip.lua.merge(target, ...) end

--- Deep merge into `target`, in place: where both sides hold a table, merge recursively;
--- otherwise the object's value replaces the target's. Returns `target`.
---
--- `nil` and `null` objects are ignored; `target` is required.
---
--- Example: `aip.lua.merge_deep(config, { model = { temperature = 0.2 } })`
---
--- `aip.lua.merge_deep(target: table, ...objs: table | nil) -> table`
---@param target table
---@param ... table|nil
---@return table
function aip.lua.merge_deep(target, ...) end

--- PDF helpers: count pages and split a PDF into one file per page.
---@class aip.pdf
aip.pdf = {}

--- Number of pages of the PDF at `path` (workspace-relative or absolute).
---
--- Errors: `aip.pdf.page_count failed. Cannot load pdf doc: <path>` with the cause (missing file, not a PDF).
---
--- Example: `local n = aip.pdf.page_count("docs/report.pdf")`
---
--- `aip.pdf.page_count(path: string) -> integer`
---@param path string
---@return integer
function aip.pdf.page_count(path) end

--- Split the PDF at `path` into one PDF per page named `<stem>-page-0001.pdf`, `<stem>-page-0002.pdf`, …
---
--- - `dest_dir`: where to write them (created if needed); default `<dir of path>/<stem>/`.
---
--- Returns the FileInfo of each page file, in page order. Existing files are overwritten.
---
--- Errors: `aip.pdf.page_split failed. File not found: <path>`; load or write failures with their cause.
---
--- Example: `for _, f in ipairs(aip.pdf.split_pages("in/book.pdf")) do print(f.path) end`
---
--- `aip.pdf.split_pages(path: string, dest_dir?: string) -> FileInfo[]`
---@param path string
---@param dest_dir? string
---@return FileInfo[]
function aip.pdf.split_pages(path, dest_dir) end

--- Zip archives: create from a folder, extract, list entries, read one text entry.
---@class aip.zip
aip.zip = {}

--- Zip the folder `src_dir` (deflate) into `dest_zip` (default `<parent>/<dirname>.zip`); entries are relative to `src_dir`.
---
--- - `opts.globs`: only files whose archive path matches one of these globs are added (folders are always listed).
---
--- Returns the FileInfo of the archive. The destination must be in the workspace or `~/.aipack-base` (write guard).
---
--- Errors: `aip.zip.create failed. …` (missing source dir, `Save file protection - …`); needs a workspace.
---
--- Example: `local zip = aip.zip.create("dist/site", nil, { globs = { "**/*.html" } })`
---
--- `aip.zip.create(src_dir: string, dest_zip?: string, opts?: ZipOptions) -> FileInfo`
---@param src_dir string
---@param dest_zip? string
---@param opts? table
---@return FileInfo
function aip.zip.create(src_dir, dest_zip, opts) end

--- Extract `src_zip` into `dest_dir` (default `<parent>/<zip stem>/`), overwriting existing files.
---
--- - `opts.globs`: only entries whose stored path matches one of these globs are extracted.
---
--- Returns the FileInfo of each extracted file (folders are not listed), in archive order.
---
--- Errors: `aip.zip.extract failed. …` for an entry with an absolute or `..` path (nothing is written),
--- a destination outside the workspace (`Save file protection - …`), or a bad archive; needs a workspace.
---
--- Example: `for _, f in ipairs(aip.zip.extract("in/data.zip")) do print(f.path) end`
---
--- `aip.zip.extract(src_zip: string, dest_dir?: string, opts?: ZipOptions) -> FileInfo[]`
---@param src_zip string
---@param dest_dir? string
---@param opts? table
---@return FileInfo[]
function aip.zip.extract(src_zip, dest_dir, opts) end

--- Read one entry of `src_zip` as UTF-8 text. `entry` is the stored path (e.g. `docs/readme.md`).
---
--- Returns `nil` when the entry does not exist.
---
--- Errors: `aip.zip.read_text failed. …` for an unreadable archive or an entry that is not valid UTF-8.
---
--- Example: `local manifest = aip.zip.read_text("pkg.zip", "manifest.json")`
---
--- `aip.zip.read_text(src_zip: string, entry: string) -> string|nil`
---@param src_zip string
---@param entry string
---@return string|nil
function aip.zip.read_text(src_zip, entry) end

--- Entry paths of `src_zip` exactly as stored, in archive order (folders end with `/`).
---
--- - `opts.globs`: keep only entries matching one of these globs.
---
--- Errors: `aip.zip.list failed. …` for a missing or invalid archive.
---
--- Example: `local names = aip.zip.list("pkg.zip", { globs = { "**/*.md" } })`
---
--- `aip.zip.list(src_zip: string, opts?: ZipOptions) -> string[]`
---@param src_zip string
---@param opts? table
---@return string[]
function aip.zip.list(src_zip, opts) end

--- Multi-file changes from model output (`UDIFFX_FILE_CHANGES` / `FILE_CHANGES` envelopes with new, patch, append, copy, rename and delete directives).
---@class aip.udiffx
aip.udiffx = {}

--- Find the first file-changes envelope in `content` and apply its directives, paths relative to `base_dir`.
---
--- The envelope is `[[[UDIFFX_FILE_CHANGES]]] … [[[/UDIFFX_FILE_CHANGES]]]` (or the older `<FILE_CHANGES> … </FILE_CHANGES>`) with
--- directives `FILE_NEW file_path` (whole content; a wrapping code fence is removed), `FILE_PATCH file_path`
--- (numberless `@@` hunks of ` `/`-`/`+` lines, `~` for the elided middle of a long removal; matching tolerates
--- whitespace and small drifts), `FILE_APPEND file_path`, and self-closing `FILE_COPY from_path to_path`,
--- `FILE_RENAME from_path to_path`, `FILE_DELETE file_path` (to the trash).
---
--- - `base_dir`: where paths are relative to; `nil` or `""` = the workspace. Targets must stay inside it or the workspace.
--- - `opts.extrude = "content"`: also return `content` without the envelope (pass `base_dir`, even `nil`, before `opts`).
---
--- Returns `status` `{success, total_count, success_count, fail_count, items}`; each item is
--- `{file_path, kind ("New"|"Patch"|"Append"|"Copy"|"Rename"|"Delete"|"Fail"), success, error_msg?, error_hunks?}`
--- where `error_hunks` lists `{hunk_body, cause}` of the patch hunks that did not apply (the others are applied).
--- A failing directive does not stop the next ones. No envelope gives an empty status with `success = true`.
---
--- Errors: a `base_dir` outside the workspace (`Security violation, …`).
---
--- Example: `local status, rest = aip.udiffx.apply_file_changes(ai_response.content, nil, { extrude = "content" })`
---
--- `aip.udiffx.apply_file_changes(content: string, base_dir?: string|nil, opts?: {extrude?: 'content'}) -> ApplyChangesStatus (, rest)`
---@param content string
---@param base_dir? string|nil
---@param opts? table
---@return ApplyChangesStatus
function aip.udiffx.apply_file_changes(content, base_dir, opts) end

--- Concatenate the files matching `globs` (same listing rules as `aip.file.list`) as context blocks for a prompt:
--- `<FILE_CONTENT path="…">` newline, the content (newline-terminated), `</FILE_CONTENT>`, blocks separated by a blank line.
---
--- - `opts.base_dir`: where relative globs start (default the workspace); paths are shown relative to it.
--- - `opts.absolute`: show absolute paths.
---
--- Returns `nil` when no file matches. Errors: unreadable file, `../` globs.
---
--- Example: `local ctx = aip.udiffx.load_files_context({"src/**/*.ts"})`
---
--- `aip.udiffx.load_files_context(globs: string|string[], opts?: {base_dir?, absolute?}) -> string|nil`
---@param globs string|string[]
---@param opts? table
---@return string|nil
function aip.udiffx.load_files_context(globs, opts) end

--- The prompt text (Markdown) that teaches a model the `UDIFFX_FILE_CHANGES` format, as bundled with udiffx.
--- Put it in a system or instruction part so the answer can go to `aip.udiffx.apply_file_changes`.
---
--- Example: `local instr = aip.udiffx.file_changes_instruction()`
---
--- `aip.udiffx.file_changes_instruction() -> string`
---@return string
function aip.udiffx.file_changes_instruction() end

--- Flow directives: return one of these from a stage to skip, redo, or reshape inputs, data and options.
---@class aip.flow
aip.flow = {}

--- Return from `# Before All` to reshape the run.
---
--- - `inputs`: a list replaces the inputs; `nil` keeps them; `{}` means no inputs.
--- - `before_all`: value visible as `before_all` in later stages.
--- - `options`: agent options merged over the current ones for the whole run.
---
--- Any other key is an error.
---
--- Example: `return aip.flow.before_all_response({ inputs = files, before_all = { dir = "out" } })`
---
--- `aip.flow.before_all_response(arg: {inputs?, before_all?, options?}) -> directive`
---@param arg table
---@return table
function aip.flow.before_all_response(arg) end

--- Return from `# Data` to override this task's input, data, attachments or options.
---
--- - `input`: replaces the task input for the prompt and `# Output` (`nil` keeps it).
--- - `data`: value visible as `data`.
--- - `attachments`: one `{file_source, file_name?, title?}` or a list of them, sent before the prompt.
--- - `options`: agent options for this task only (model, temperature, top_p…).
---
--- Any other key is an error.
---
--- Example: `return aip.flow.data_response({ data = { body = text }, options = { model = "flash" } })`
---
--- `aip.flow.data_response(arg: {input?, data?, attachments?, options?}) -> directive`
---@param arg table
---@return table
function aip.flow.data_response(arg) end

--- Skip the whole run (from `# Before All`) or this task (from `# Data`). The reason is recorded and shown.
---
--- Example: `if input.size == 0 then return aip.flow.skip("empty file") end`
---
--- `aip.flow.skip(reason?: string) -> directive`
---@param reason? string
---@return table
function aip.flow.skip(reason) end

--- Ask for the run to be run again (re-reading the agent file) about 500 ms after it ends.
--- Only from `# Before All` (returns at once) or `# After All`. `CTX.RUN_FLOW_REDO_COUNT` counts the redos.
---
--- Example: `if not done then return aip.flow.redo_run() end`
---
--- `aip.flow.redo_run() -> directive`
---@return table
function aip.flow.redo_run() end

--- Run other agents from a stage (as child runs) and pick agent options out of a table.
---@class aip.agent
aip.agent = {}

--- Run another agent as a child run of this one and wait for it (§10.1).
---
--- - `name`: pack ref (`ns@pack/agent`) or path, relative to this agent's dir (or `agent_base_dir`).
--- - `input` is prepended to `inputs`; `options` overlays the child's own options.
---
--- Returns `{outputs, after_all, redo_requested}`. Errors: `Failed to find agent …`, `Failed to run agent …`.
---
--- Example: `local res = aip.agent.run("sub-agent.aip", {inputs = {"a", "b"}})`
---
--- `aip.agent.run(name: string, opts?: {input?: any, inputs?: any[], options?: AgentOptions, agent_base_dir?: string}) -> RunAgentResponse`
---@param name string
---@param opts? table
---@return RunAgentResponse
function aip.agent.run(name, opts) end

--- Copy only the agent option keys (`model`, `model_aliases`, `input_concurrency`, `temperature`, `top_p`, `allow_run_on_task_fail`) out of a table; nil for a non-table.
---
--- Example: `local opts = aip.agent.extract_options(options)`
---
--- `aip.agent.extract_options(value: any) -> table | nil`
---@param value? any
---@return table|nil
function aip.agent.extract_options(value) end

--- Annotate the current run: a label and pins shown in the Runs view.
---@class aip.run
aip.run = {}

--- Set the current run's label (any stage).
---
--- Example: `aip.run.set_label("Docs pass")`
---
--- `aip.run.set_label(label: string)`
---@param label string
function aip.run.set_label(label) end

--- Create or replace (same `iden`) a pin on the current run. Content is a string or `{label, content}` (defaults `Pin:` / `No Content`). Pins are ordered by priority, then creation.
---
--- Example: `aip.run.pin("summary", 1, {label = "Files:", content = "12"})`
---
--- `aip.run.pin(iden: string, priority?: number, content: string | {label?: string, content?: string})`
---@param iden string
---@param priority? number
---@param content string|table
function aip.run.pin(iden, priority, content) end

--- Annotate the current task (Data and Output stages): a label and pins.
---@class aip.task
aip.task = {}

--- Set the current task's label (Data / Output only).
---
--- Example: `aip.task.set_label(input.path)`
---
--- `aip.task.set_label(label: string)`
---@param label string
function aip.task.set_label(label) end

--- Create or replace (same `iden`) a pin on the current task (Data / Output only; use `aip.run.pin` in Before All / After All).
---
--- Example: `aip.task.pin("status", "done")`
---
--- `aip.task.pin(iden: string, priority?: number, content: string | {label?: string, content?: string})`
---@param iden string
---@param priority? number
---@param content string|table
function aip.task.pin(iden, priority, content) end

--- Run context (read only).
---@class CTX
---@field PWD string Current directory of the process (absolute).
---@field SESSION_UID string UUID v7 of the session.
---@field TMP_DIR string Session temp dir `<wks>/.aipack/.session/<SESSION_UID>/tmp` (with a workspace only).
---@field AIPACK_VERSION string Runtime version.
---@field PACK_NAMESPACE string Pack namespace (pack agents only).
---@field PACK_NAME string Pack name (pack agents only).
---@field PACK_SUB_PATH string Sub path within the pack, e.g. `sub/agent` (pack agents with a sub path).
---@field PACK_REF string `ns@name[/sub]` (pack agents only).
---@field PACK_IDENTITY string `ns@name` (pack agents only).
---@field PACK_DIR string Absolute pack dir (pack agents only).
---@field PACK_WORKSPACE_SUPPORT_DIR string `<wks>/.aipack/support/pack/<ns>/<name>` (pack agents with a workspace).
---@field PACK_BASE_SUPPORT_DIR string `~/.aipack-base/support/pack/<ns>/<name>` (pack agents only).
---@field WORKSPACE_DIR string Absolute workspace root, the parent of `.aipack/` (with a workspace only).
---@field WORKSPACE_AIPACK_DIR string `<wks>/.aipack` (with a workspace only).
---@field BASE_AIPACK_DIR string Absolute `~/.aipack-base`.
---@field AGENT_NAME string The agent name as invoked (`demo@proof`, `path/to/x.aip`).
---@field AGENT_FILE_NAME string File name of the agent, e.g. `main.aip`.
---@field AGENT_FILE_STEM string File name without extension, e.g. `main`.
---@field AGENT_FILE_PATH string Absolute path of the agent file.
---@field AGENT_FILE_DIR string Absolute directory of the agent file.
---@field RUN_UID string UUID of the run.
---@field RUN_NUM integer Number of the run in the session (sub-agent runs count too).
---@field PARENT_RUN_UID string UUID of the parent run (sub-agent runs only).
---@field TASK_UID string UUID of the task (Data and Output only).
---@field TASK_NUM integer Task number, starting at 1 (Data and Output only).
---@field STAGE string Current stage: `BeforeAll`, `Data`, `Output` or `AfterAll`.
---@field RUN_FLOW_REDO_COUNT integer How many times this run was redone (0 on the first run).
CTX = {}

--- The null sentinel: a JSON null kept in tables.
null = {}

--- `is_null(v)`: true when `v` is `nil` or `null`.
---@param ... any
---@return any
function is_null(...) end

--- `is_not_null(v)`: true when `v` is neither `nil` nor `null`.
---@param ... any
---@return any
function is_not_null(...) end

--- `nil_if_null(v)`: `nil` for `nil`/`null`, else `v`.
---@param ... any
---@return any
function nil_if_null(...) end

--- `value_or(...)`: the first argument that is neither `nil` nor `null`; if none, the last argument.
---@param ... any
---@return any
function value_or(...) end

--- `is_table(v)`: true for a (non-null) table.
---@param ... any
---@return any
function is_table(...) end

--- `is_list(v)`: true for a table with a first element.
---@param ... any
---@return any
function is_list(...) end

--- `is_object(v)`: true for a table without a first element (including `{}`).
---@param ... any
---@return any
function is_object(...) end

-- Stage variables (set in some stages only; see the AIPack docs).
---@type any[]|nil
inputs = nil
---@type AgentOptions
options = nil
---@type any
input = nil
---@type any
before_all = nil
---@type any
data = nil
---@type AiResponse|nil
ai_response = nil
---@type any[]|nil
outputs = nil
