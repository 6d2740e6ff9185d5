/**
 * Markdown code-fence tracking (§1.2), shared by the `.aip` parser and
 * `aip.md.extract_blocks` so both agree on what is inside a fence.
 *
 * The original is a three-state machine `Out | In3 | In4`. Here the open
 * fence remembers its backtick count `n`:
 * - `n == 3` closes only on a line starting with exactly three backticks
 *   (a four-backtick line stays inside), as `In3` does;
 * - `n >= 4` closes on a line starting with at least `n` backticks. For
 *   `n == 4` this is `In4`; longer fences extend the rule so a five-backtick
 *   block may contain four-backtick lines.
 * Text after the closing backticks does not prevent closing (the original
 * only looks at the line start).
 */

export type FenceStep = 'open' | 'close' | 'in' | 'out';

const BACKTICK = 96;

/** Number of backticks at the start of `line` when it is a fence line (>= 3), else 0. */
export function fenceTicks(line: string): number {
  if (line.charCodeAt(0) !== BACKTICK || line.charCodeAt(1) !== BACKTICK || line.charCodeAt(2) !== BACKTICK) return 0;
  let n = 3;
  while (line.charCodeAt(n) === BACKTICK) n++;
  return n;
}

export class FenceState {
  /** Backticks of the open fence; 0 while outside. */
  private ticks = 0;
  private openInfo: string | undefined;
  private openAt: number | undefined;
  private lineNo = 0;

  get isOpen(): boolean {
    return this.ticks > 0;
  }

  /** Info string of the opening line (after the backticks, trimmed) while open. */
  get info(): string | undefined {
    return this.openInfo;
  }

  /** 1-based line number (as counted by calls to step) of the open fence. */
  get openLine(): number | undefined {
    return this.openAt;
  }

  /** Backtick count of the open fence (3, 4, ...) while open. */
  get fenceLength(): number | undefined {
    return this.ticks > 0 ? this.ticks : undefined;
  }

  step(line: string): FenceStep {
    this.lineNo++;
    const n = fenceTicks(line);
    if (n === 0) return this.ticks > 0 ? 'in' : 'out';
    if (this.ticks === 0) {
      this.ticks = n;
      this.openInfo = line.slice(n).trim();
      this.openAt = this.lineNo;
      return 'open';
    }
    const closes = this.ticks === 3 ? n === 3 : n >= this.ticks;
    if (!closes) return 'in';
    this.ticks = 0;
    this.openInfo = undefined;
    this.openAt = undefined;
    return 'close';
  }
}
