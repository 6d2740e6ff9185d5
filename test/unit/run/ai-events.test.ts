import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HubEvent } from '../../../src/runtime/hub';
import { sandbox } from '../../support/run-harness';

test('a streamed AI call publishes its request, batched deltas that add up to the answer, and its response', async () => {
  const sb = await sandbox({ pipeline: { stream: true } });
  try {
    sb.write('agents/stream.aip', '# Options\n```toml\nmodel = "gpt-4o"\n```\n# Instruction\nCount to {{input}}\n');
    const chunks = Array.from({ length: 40 }, (_, i) => `${i} `);
    sb.mock.reply({ chunks, text: chunks.join(''), chunkDelayMs: 5 });
    const events: HubEvent[] = [];
    sb.rt.hub.subscribe((e) => {
      if (e.type.startsWith('TaskAi')) events.push(e);
    });
    const res = await sb.run('agents/stream.aip', ['40']);
    assert.equal(res.endState, 'Ok', res.error?.message);
    const req = events.find((e) => e.type === 'TaskAiRequest');
    assert.ok(req && req.type === 'TaskAiRequest');
    assert.deepEqual(req.messages, [{ role: 'user', content: 'Count to 40\n' }]);
    const deltas = events.filter((e) => e.type === 'TaskAiDelta') as Extract<HubEvent, { type: 'TaskAiDelta' }>[];
    assert.equal(deltas.map((d) => d.text).join(''), chunks.join(''));
    assert.ok(deltas.length < chunks.length, `batched: ${deltas.length} events for ${chunks.length} chunks`);
    const done = events.at(-1);
    assert.ok(done && done.type === 'TaskAiResponse');
    assert.equal(done.content, chunks.join(''));
    assert.match(done.info, /^Duration: /);
  } finally {
    await sb.close();
  }
});
