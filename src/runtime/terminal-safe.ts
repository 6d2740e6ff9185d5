/**
 * Text from models, agents and file names reaches the terminal as text, never as terminal commands: escape
 * sequences (OSC 52 clipboard writes, screen clears, cursor moves, title changes) and other control characters
 * are shown as visible `\xNN` escapes. Newlines and tabs stay; a CR stays only as part of CRLF (a lone CR would
 * overwrite the line already printed).
 */
// C0 controls but \t and \n, DEL, and the C1 controls (U+0080–U+009F: 8-bit CSI/OSC).
// eslint-disable-next-line no-control-regex -- matching control characters is the point here.
const CONTROL = /\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u0080-\u009f]/g;

export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
