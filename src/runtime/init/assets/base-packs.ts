/**
 * Packs written into the base dir at init (§5.9), as `path → content`
 * relative to the base dir. Written for this port.
 */

/** Built-in packs under `pack/installed/`: replaced when their content differs (§12.4). */
export const BASE_INSTALLED_FILES: Record<string, string> = {
  'pack/installed/demo/proof/main.aip': `# Description

Proofreads text: fixes spelling, grammar and punctuation, keeps the meaning and the tone.

\`\`\`sh
aip run demo@proof -i "Their is a error in this sentense."
aip run demo@proof -f "docs/**/*.md"
\`\`\`

Each input is either a string or a file (then the file is rewritten in place).

# Data

\`\`\`lua
local utils = require("prompt_utils")
return utils.prepare(input)
\`\`\`

# System

You are a careful proofreader. Fix spelling, grammar and punctuation.
Do not rephrase, summarize or add anything. Keep Markdown and code blocks untouched.
Answer with the corrected text only, without any comment.

# Instruction

{{data.content}}

# Output

\`\`\`lua
local utils = require("prompt_utils")
return utils.finish(data, ai_response)
\`\`\`
`,
  'pack/installed/demo/proof/lua/prompt_utils.lua': `-- Helpers of the demo@proof agent: build the task data, write the result back.
local values = require("prompt_values")

local function prepare(input)
  if input == nil then
    return { content = values.sample_text }
  end
  if type(input) == "string" then
    return { content = input }
  end
  -- A FileInfo / FileRecord input: proofread the file content.
  local file = aip.file.load(input.path)
  return { path = file.path, content = file.content }
end

local function finish(data, ai_response)
  local text = (ai_response and ai_response.content) or ""
  if data.path then
    aip.file.save(data.path, text)
    return "Proofread: " .. data.path
  end
  return text
end

return { prepare = prepare, finish = finish }
`,
  'pack/installed/demo/proof/lua/prompt_values.lua': `-- Values shared by the demo@proof scripts.
return {
  sample_text = "This sentense have two error, and it need a proofreader.",
}
`,
};

/** The sample custom pack under `pack/custom/`: created when missing (overwritten on a forced refresh). */
export const BASE_CUSTOM_FILES: Record<string, string> = {
  'pack/custom/my/sample/main.aip': `# Description

A starting point for your own agents: copy this folder, rename it, edit it.

\`\`\`sh
aip run my@sample
aip run my@sample -i "Why is the moon always showing the same face?"
\`\`\`

# Options

Optional: settings for this agent only, on top of the config files.

\`\`\`toml
# model = "mini"
\`\`\`

# Data

\`\`\`lua
local my_utils = require("my-utils")
return {
  question = input or "Why is the sky blue?",
  me = my_utils.who_am_i(),
}
\`\`\`

# System

Answer concisely, in short bullet points separated by empty lines. Greet the user first.

# Instruction

I am {{data.me}}. My question of the day:

{{data.question}}

# Output

\`\`\`lua
print("Question: " .. data.question .. "\\n\\nAnswer:\\n" .. (ai_response.content or ""))
return "Answered in " .. ai_response.duration_sec .. " seconds"
\`\`\`
`,
  'pack/custom/my/sample/lua/my-utils.lua': `-- A module the sample agent loads with require("my-utils") (from the pack's lua/ folder).
local function who_am_i()
  return "Jane Doe"
end

return { who_am_i = who_am_i }
`,
};

/** Folders of older versions removed on a refresh (§5.9). */
export const LEGACY_BASE_DIRS = ['doc', 'pack/installed/core/ask-aipack', 'pack/installed/demo/craft'];
