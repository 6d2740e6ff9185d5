/**
 * The agent "AIPack: New Agent" writes: small, runnable with or without inputs,
 * and showing the three stages a newcomer needs (Data, Instruction, Output). Pure.
 */

export const SAMPLE_AGENT_TEXT = `# Data

\`\`\`lua
-- Each input becomes one task. Run with no input, with text inputs or on files.
local subject = input
if type(input) == "table" and input.path then
    subject = "the file " .. input.path
end

return {
    subject = subject or "the AIPack runtime in VS Code"
}
\`\`\`

# Instruction

Write one short, friendly sentence about {{data.subject}}.

# Output

\`\`\`lua
local text = ai_response and ai_response.content or data.subject
print("answer: " .. text)
return text
\`\`\`
`;

/** `hello.aip`, then `hello-2.aip`, `hello-3.aip`… — the first name not in `existing`. */
export function nextAgentFileName(existing: Iterable<string>, stem = 'hello'): string {
  const taken = new Set(existing);
  if (!taken.has(`${stem}.aip`)) return `${stem}.aip`;
  for (let i = 2; ; i++) if (!taken.has(`${stem}-${i}.aip`)) return `${stem}-${i}.aip`;
}
