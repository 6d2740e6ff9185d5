/**
 * Prompt-part options (§1.4): the text between backticks in a part heading,
 * e.g. ``# System `cache = true` ``. It is rendered through Handlebars with
 * the part (so ``# User `cache = {{data.use_cache}}` `` works), which is why
 * the pipeline renders `templateWithOptionsLine(part)` and then splits the
 * first line off with `splitRenderedPartOptions`.
 */
import { parse as parseToml } from 'smol-toml';
import { AipError } from '../errors';
import { tomlErrorReason } from './toml-reason';
import type { PromptPart } from './types';

export interface PartOptions {
  /** Ask the provider to cache the prompt up to this message (§9.4). */
  cache: boolean;
}

/**
 * Parse rendered part options. Empty/absent → `{ cache: false }`. The string
 * is TOML inline-table content (`{}` added when missing); `cache` must be a
 * boolean and other keys are tolerated, as in the original.
 */
export function parsePartOptions(rendered: string | undefined): PartOptions {
  const content = rendered?.trim() ?? '';
  if (content === '') return { cache: false };
  const table = content.startsWith('{') && content.endsWith('}') ? content : `{${content}}`;

  let value: unknown;
  try {
    value = (parseToml(`value = ${table}`) as Record<string, unknown>).value;
  } catch (err) {
    throw invalid(content, tomlErrorReason(err));
  }
  const cache = (value as Record<string, unknown> | undefined)?.cache;
  if (cache === undefined) throw invalid(content, 'the key `cache` is missing');
  if (typeof cache !== 'boolean') throw invalid(content, `\`cache\` must be true or false, got ${JSON.stringify(cache)}`);
  return { cache };
}

/**
 * The template the pipeline renders for a part: the options string as its
 * first line, then the content. A part without options is its content alone,
 * so `{{~` at the start of a template keeps behaving as written.
 */
export function templateWithOptionsLine(part: PromptPart): string {
  return part.optionsStr === undefined ? part.content : `${part.optionsStr}\n${part.content}`;
}

/**
 * Split a rendered `templateWithOptionsLine` result back into the (trimmed)
 * options string and the content. Use it only for parts that have an
 * `optionsStr`; for the others the rendered text is the content.
 */
export function splitRenderedPartOptions(renderedWithOptionsLine: string): { optionsStr: string; content: string } {
  const nl = renderedWithOptionsLine.indexOf('\n');
  if (nl < 0) return { optionsStr: renderedWithOptionsLine.trim(), content: '' };
  return {
    optionsStr: renderedWithOptionsLine.slice(0, nl).trim(),
    content: renderedWithOptionsLine.slice(nl + 1),
  };
}

/**
 * Render one part the way the original assembles a chat message (§2.7): the
 * part is dropped (undefined) when its rendered content is blank, and only
 * then are its options not checked.
 */
export function renderPromptPart(
  part: PromptPart,
  render: (template: string) => string,
): { content: string; cache: boolean } | undefined {
  const rendered = render(templateWithOptionsLine(part));
  const { optionsStr, content } =
    part.optionsStr === undefined ? { optionsStr: '', content: rendered } : splitRenderedPartOptions(rendered);
  if (content.trim() === '') return undefined;
  return { content, cache: parsePartOptions(optionsStr).cache };
}

function invalid(content: string, reason: string): AipError {
  return new AipError(
    `Prompt part options \`${content}\` are invalid: ${reason}.\n` +
      'The only option is `cache = true` or `cache = false`, for example: # System `cache = true`\n' +
      'For a dynamic value use a Handlebars data variable, for example: # User `cache = {{data.use_cache}}`, ' +
      'with `use_cache` returned by the # Data stage (headings are lower-cased, so name it in lower case).',
    { stage: 'Ai' },
  );
}
