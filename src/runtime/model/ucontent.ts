/** `ucontent` rows (§6.2): content deduplicated by a blake3 hash of its kind, length and text. */
import { blake3 } from '@noble/hashes/blake3.js';
import { base64urlnopad } from '@scure/base';
import { createRow, getRow, listRows } from './base';
import type { ModelManager } from './model-manager';
import type { EpochUs, Id, ListOptions } from './types';

export interface Ucontent {
  id: Id;
  uid: string;
  ctime: EpochUs;
  mtime: EpochUs;
  hash: string;
  is_json: boolean;
  content: string | null;
}

const enc = new TextEncoder();

/** blake3, base64url without padding, over `is_json=<bool>`, `length=<utf-8 bytes>`, content (same parts as aipack). */
export function ucontentHash(content: string, isJson: boolean): string {
  const bytes = enc.encode(content);
  const h = blake3.create();
  h.update(enc.encode(isJson ? 'is_json=true' : 'is_json=false'));
  h.update(enc.encode(`length=${bytes.length}`));
  h.update(bytes);
  return base64urlnopad.encode(h.digest());
}

export const UcontentBmc = {
  /** Id of the row holding exactly this content, creating it when new. */
  getOrCreateForText(mm: ModelManager, content: string, isJson: boolean): Id {
    const hash = ucontentHash(content, isJson);
    const found = mm.db.scalar('SELECT id FROM ucontent WHERE hash = ? LIMIT 1', [hash]);
    if (found !== undefined && found !== null) return Number(found);
    return createRow(mm, 'ucontent', { hash, is_json: isJson, content });
  },
  get(mm: ModelManager, id: Id): Ucontent {
    return getRow<Ucontent>(mm, 'ucontent', id);
  },
  list(mm: ModelManager, opts?: ListOptions): Ucontent[] {
    return listRows<Ucontent>(mm, 'ucontent', {}, opts);
  },
};
