/**
 * One `.aip` text analysed once for every feature of the language server: the
 * runtime's own scan (sections, captured blocks, problems) plus, per line,
 * which section it belongs to and which fence it sits in. Pure: text in,
 * plain data out.
 */
import { FenceState, scanAgentDoc, type AgentDoc, type ScriptBlock, type SectionInfo } from '../runtime/agent';

export type LuaStage = 'BeforeAll' | 'Data' | 'Output' | 'AfterAll';

export interface StageBlock {
  stage: LuaStage;
  block: ScriptBlock;
}

/** Where a line sits. */
export interface LineInfo {
  /** Index into `sections`, -1 before the first heading. */
  section: number;
  /** Info string of the fence the line is inside (`lua`, `toml`, `''`), undefined outside any fence; fence lines themselves are outside. */
  fence?: string;
}

export interface AipDocument {
  text: string;
  /** Lines without their terminator (`\r\n` accepted). */
  lines: string[];
  doc: AgentDoc;
  sections: SectionInfo[];
  lineInfo: LineInfo[];
  stageBlocks: StageBlock[];
}

export function splitTextLines(text: string): string[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split('\n');
  if (text.includes('\r')) {
    for (let i = 0; i < lines.length; i++) if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1);
  }
  return lines;
}

const HASH = 35;

export function analyzeAip(text: string): AipDocument {
  const doc = scanAgentDoc(text);
  const lines = splitTextLines(text);
  const lineInfo: LineInfo[] = new Array(lines.length);
  const fence = new FenceState();
  let section = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const step = fence.step(line);
    if (step === 'out' && line.charCodeAt(0) === HASH && line.charCodeAt(1) !== HASH) section++;
    lineInfo[i] = step === 'in' ? { section, fence: fence.info ?? '' } : { section };
  }
  const stageBlocks: StageBlock[] = [];
  if (doc.beforeAll) stageBlocks.push({ stage: 'BeforeAll', block: doc.beforeAll });
  if (doc.data) stageBlocks.push({ stage: 'Data', block: doc.data });
  if (doc.output) stageBlocks.push({ stage: 'Output', block: doc.output });
  if (doc.afterAll) stageBlocks.push({ stage: 'AfterAll', block: doc.afterAll });
  return { text, lines, doc, sections: doc.sections, lineInfo, stageBlocks };
}

/** The section a 0-based line belongs to, if any. */
export function sectionAt(d: AipDocument, line: number): SectionInfo | undefined {
  const idx = d.lineInfo[line]?.section ?? -1;
  return idx >= 0 ? d.sections[idx] : undefined;
}

/** True when the 0-based line is inside a fence whose info string starts with `lang`. */
export function inFenceOf(d: AipDocument, line: number, lang: string): boolean {
  const f = d.lineInfo[line]?.fence;
  return f !== undefined && f.startsWith(lang);
}
