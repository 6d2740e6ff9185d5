/**
 * Lua-side code every stage state gets: the §8.2 helpers and the host's own `warn` sink and
 * `os.exit` guard. Plus the chunk line layout. (Lua 5.4 itself needs no bridge any more.)
 */

/** Called with (null, emitWarning). */
export const PRELUDE_LUA = `
local SENTINEL, emit_warning = ...
local select, error, rawget, type = select, error, rawget, type

null, Null, NULL = SENTINEL, SENTINEL, SENTINEL

function is_null(v) return v == nil or v == SENTINEL end
function is_not_null(v) return not (v == nil or v == SENTINEL) end
function nil_if_null(v) if v == SENTINEL then return nil end return v end
function value_or(...)
  local n = select('#', ...)
  for i = 1, n do
    local v = select(i, ...)
    if v ~= nil and v ~= SENTINEL then return v end
  end
  if n == 0 then return nil end
  return (select(n, ...))
end
function is_table(v) return type(v) == 'table' end
function is_list(v) return type(v) == 'table' and rawget(v, 1) ~= nil end
function is_object(v) return type(v) == 'table' and rawget(v, 1) == nil end

-- os.exit would end the script worker (or, on the host thread, the editor's extension host): refuse it.
os.exit = function()
  error('os.exit is not available in an agent script (it would stop the host); return from the stage or use aip.flow.skip()', 2)
end

-- The wasm build has no process spawning (its os.execute would throw out of the VM): refuse clearly.
os.execute = function()
  error('os.execute is not available in an agent script; use aip.cmd.exec(cmd, args)', 2)
end
io.popen = function()
  error('io.popen is not available in an agent script; use aip.cmd.exec(cmd, args)', 2)
end

-- Warnings go to the run's print sink; off until '@on' (as the standalone interpreter).
local warn_on = false
function warn(first, ...)
  local parts = { first, ... }
  for i = 1, select('#', first, ...) do
    if type(parts[i]) ~= 'string' then error("bad argument #" .. i .. " to 'warn' (string expected, got " .. type(parts[i]) .. ")", 2) end
  end
  if select('#', ...) == 0 and first:sub(1, 1) == '@' then
    if first == '@on' then warn_on = true elseif first == '@off' then warn_on = false end
    return
  end
  if warn_on then emit_warning(table.concat(parts)) end
end
`;

/**
 * Lay the stage code out so its chunk line N is `.aip` line N: blank lines before and between
 * code lines where the line map jumps. Only when the map increases; otherwise `mapped` is false
 * and the engine translates line numbers in messages instead.
 */
export function layoutChunk(code: string, lineMap: number[]): { code: string; aligned: boolean } {
  if (lineMap.length === 0) return { code, aligned: false };
  const lines = code.split('\n');
  for (let i = 1; i < lineMap.length; i++) if (lineMap[i] <= lineMap[i - 1]) return { code, aligned: false };
  if (lineMap[0] < 1) return { code, aligned: false };
  const out: string[] = [];
  let cur = 1;
  for (let i = 0; i < lines.length; i++) {
    const target = i < lineMap.length ? lineMap[i] : cur;
    while (cur < target) {
      out.push('');
      cur++;
    }
    out.push(lines[i]);
    cur++;
  }
  return { code: out.join('\n'), aligned: true };
}
