// How long the `.aip` parser takes on a large agent: the language server parses
// on every keystroke, so this must stay well under a frame.
import { parseAgentDoc } from '../src/runtime/agent/parse';
import { parseOptionsBlock } from '../src/runtime/agent/options-block';
import { type Figure, median, timeRuns } from './harness';

/** ~2,000 lines: options, every Lua stage (some repeated), prompt parts with nested fences, notes. */
export function generateAgent(targetLines = 2000): string {
  const out: string[] = ['# Description', 'A generated agent for the parser benchmark.', ''];
  out.push('# Options', '```toml', 'model = "flash-low"', 'input_concurrency = 4', 'temperature = 0.2', '[model_aliases]');
  for (let i = 0; i < 20; i++) out.push(`alias_${i} = "provider::model-${i}"`);
  out.push('```', '');
  let round = 0;
  while (out.length < targetLines) {
    round++;
    for (const stage of ['Before All', 'Data', 'Output', 'After All']) {
      out.push(`# ${stage}`, 'Explanation of the stage, ignored by the runtime.', '```lua');
      for (let i = 0; i < 25; i++) out.push(`local v_${i} = aip.text.trim(input and input.path or "x${i}") -- ${stage} ${round}`);
      out.push('return { ok = true }', '```', '```lua', '-- ignored second block', '```', '');
    }
    out.push('# System `cache = true`', 'You are precise.', '## Rules', '- keep it short', '');
    out.push('# Instruction', 'File `{{input.path}}`:', '````md', '```lua', '# not a heading', '```', '````');
    for (let i = 0; i < 30; i++) out.push(`Line ${i} of the instruction with {{data.value_${i}}} and some more words.`);
    out.push('', '# Notes', 'Free text.', '```js', 'const x = 1;', '```', '');
  }
  return out.join('\n') + '\n';
}

export async function run(): Promise<Figure[]> {
  const text = generateAgent();
  const parseBoth = () => parseOptionsBlock(parseAgentDoc(text, 'bench.aip'), 'bench.aip');
  const times = await timeRuns(200, parseBoth, 20);
  return [{ name: 'parse_2000_lines_ms', value: median(times), unit: 'ms', target: '< 5' }];
}
