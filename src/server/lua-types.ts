/**
 * Field lists of the values the aip API returns and of the stage variables
 * (§8.3, §2.2), and the Lua standard library's members: what completion
 * offers after `x.` and hover shows, and what the LuaCATS output declares.
 */

export interface FieldDoc {
  name: string;
  type: string;
  doc?: string;
}

const f = (name: string, type: string, doc?: string): FieldDoc => ({ name, type, doc });

const FILE_INFO: FieldDoc[] = [
  f('path', 'string', 'Path as given (relative to the base dir), or absolute.'),
  f('dir', 'string', 'Parent of `path` ("" if none).'),
  f('name', 'string', 'File name with extension.'),
  f('stem', 'string', 'File name without extension.'),
  f('ext', 'string', 'Extension without the dot ("" if none).'),
  f('ctime', 'integer?', 'Creation time (epoch µs).'),
  f('mtime', 'integer?', 'Modification time (epoch µs).'),
  f('size', 'integer?', 'Size in bytes.'),
  f('is_likely_text', 'boolean', 'Heuristic from the file name.'),
  f('_type', 'string', '"FileInfo"'),
];

export const TYPE_FIELDS: Record<string, FieldDoc[]> = {
  FileInfo: FILE_INFO,
  FileRecord: [...FILE_INFO.filter((x) => x.name !== '_type'), f('content', 'string', 'The file text (UTF-8).'), f('_type', 'string', '"FileRecord"')],
  FileStats: ['total_size', 'number_of_files', 'ctime_first', 'ctime_last', 'mtime_first', 'mtime_last'].map((n) => f(n, 'integer')),
  MdSection: [
    f('content', 'string', 'Heading line and body, sub-sections included.'),
    f('heading_raw', 'string', 'Heading line with its newline, or "".'),
    f('heading_content', 'string'),
    f('heading_level', 'integer', '0 when there is no heading.'),
    f('heading_name', 'string'),
  ],
  MdBlock: [f('lang', 'string?', 'Info string after the fence.'), f('content', 'string', 'Text between the fences.')],
  MdRef: [f('target', 'string'), f('text', 'string?'), f('inline', 'boolean', 'True for `![..](..)`.'), f('kind', 'string', '"Anchor" | "File" | "Url"')],
  TagElem: [f('tag', 'string'), f('attrs', 'table?'), f('content', 'string')],
  Elem: [f('tag', 'string'), f('attrs', 'table?'), f('content', 'string')],
  CsvContent: [f('headers', 'string[]'), f('rows', 'string[][]')],
  WebResponse: [
    f('success', 'boolean', 'HTTP 2xx.'),
    f('status', 'integer'),
    f('url', 'string', 'Final URL.'),
    f('content', 'string|table', 'Body, parsed when `parse = true` and JSON.'),
    f('content_type', 'string?'),
    f('headers', 'table?'),
    f('error', 'string?'),
  ],
  CmdResponse: [f('stdout', 'string'), f('stderr', 'string'), f('exit', 'integer', '-1 when killed by a signal.')],
  AiResponse: [
    f('content', 'string?', 'Joined text of the answer.'),
    f('reasoning_content', 'string?'),
    f('model_name', 'string'),
    f('adapter_kind', 'string'),
    f('usage', 'table', '`prompt_tokens`, `completion_tokens`, details.'),
    f('price_usd', 'number?'),
    f('duration_sec', 'number'),
    f('info', 'string'),
  ],
  RunAgentResponse: [f('outputs', 'table?', 'The outputs of the sub-agent tasks.'), f('after_all', 'any', 'What its After All returned.'), f('redo_requested', 'boolean')],
  ApplyChangesStatus: [f('success', 'boolean'), f('total_count', 'integer'), f('success_count', 'integer'), f('fail_count', 'integer'), f('items', 'table[]')],
  AgentOptions: [
    f('model', 'string?'),
    f('resolved_model', 'string?'),
    f('temperature', 'number?'),
    f('top_p', 'number?'),
    f('input_concurrency', 'integer?'),
    f('allow_run_on_task_fail', 'boolean?'),
    f('model_aliases', 'table?'),
  ],
};

/** Types of the stage variables whose shape is known. */
export const STAGE_VARIABLE_TYPES: Record<string, string> = { ai_response: 'AiResponse', options: 'AgentOptions' };

/** Members of the Lua 5.4 standard library tables a stage has. */
export const STD_MEMBERS: Record<string, string[]> = {
  string: ['byte', 'char', 'dump', 'find', 'format', 'gmatch', 'gsub', 'len', 'lower', 'match', 'pack', 'packsize', 'rep', 'reverse', 'sub', 'unpack', 'upper'],
  table: ['concat', 'insert', 'move', 'pack', 'remove', 'sort', 'unpack'],
  math: ['abs', 'ceil', 'cos', 'deg', 'exp', 'floor', 'fmod', 'huge', 'log', 'max', 'maxinteger', 'min', 'mininteger', 'modf', 'pi', 'rad', 'random', 'randomseed', 'sin', 'sqrt', 'tan', 'tointeger', 'type', 'ult', 'atan', 'asin', 'acos'],
  os: ['clock', 'date', 'difftime', 'getenv', 'remove', 'rename', 'time', 'tmpname'],
  io: ['write', 'stdout', 'stderr'],
  utf8: ['char', 'charpattern', 'codepoint', 'codes', 'len', 'offset'],
  coroutine: ['close', 'create', 'isyieldable', 'resume', 'running', 'status', 'wrap', 'yield'],
};

export const LUA_KEYWORDS: readonly string[] = [
  'and', 'break', 'do', 'else', 'elseif', 'end', 'false', 'for', 'function', 'goto', 'if', 'in', 'local', 'nil', 'not', 'or', 'repeat', 'return', 'then', 'true', 'until', 'while',
];
