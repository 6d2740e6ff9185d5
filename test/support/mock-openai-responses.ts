/**
 * The OpenAI Responses API side of the mock server (`POST …/responses`):
 * a `response` object for plain requests, or the SSE event sequence OpenAI
 * streams (`response.created`, reasoning summary deltas, output text deltas,
 * `response.completed` carrying the usage). Replies use the same `MockReply`
 * specs as chat completions; chat-style usage is translated to
 * `input_tokens` / `output_tokens`.
 */
import type { ServerResponse } from 'node:http';
import type { MockReply, MockUsage } from './mock-openai';

export interface ResponsesAnswer {
  id: string;
  model: string;
  text: string;
  textPieces: string[];
  reasoningPieces: string[];
  usage?: MockUsage;
  stream: boolean;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Chat-completions usage → Responses usage (`input_tokens`, `input_tokens_details`, …). */
export function toResponsesUsage(u: MockUsage): Record<string, unknown> {
  const out: Record<string, unknown> = {
    input_tokens: u.prompt_tokens,
    output_tokens: u.completion_tokens,
    total_tokens: u.total_tokens ?? u.prompt_tokens + u.completion_tokens,
  };
  const pd = u.prompt_tokens_details;
  if (pd) {
    const d: Record<string, number> = {};
    for (const [k, v] of Object.entries(pd)) d[k === 'cache_creation_tokens' ? 'cache_write_tokens' : k] = v;
    out.input_tokens_details = d;
  }
  if (u.completion_tokens_details) out.output_tokens_details = { ...u.completion_tokens_details };
  return out;
}

function responseObject(a: ResponsesAnswer, r: MockReply, status: string, withOutput: boolean) {
  const output: unknown[] = [];
  if (withOutput) {
    if (a.reasoningPieces.length > 0) {
      output.push({
        id: `rs_${a.id}`,
        type: 'reasoning',
        summary: [{ type: 'summary_text', text: a.reasoningPieces.join('') }],
      });
    }
    output.push({
      id: `msg_${a.id}`,
      type: 'message',
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_text', text: a.text, annotations: [] }],
    });
  }
  return {
    id: a.id,
    object: 'response',
    created_at: 1700000000,
    status,
    model: a.model,
    output,
    error: status === 'failed' ? { code: r.responseFailure?.code ?? 'server_error', message: r.responseFailure?.message } : null,
    incomplete_details: null,
    usage: withOutput && a.usage ? toResponsesUsage(a.usage) : null,
  };
}

export async function writeResponses(res: ServerResponse, r: MockReply, a: ResponsesAnswer): Promise<void> {
  if (!a.stream) {
    const body = r.responseFailure ? responseObject(a, r, 'failed', false) : responseObject(a, r, 'completed', true);
    const text = JSON.stringify(body);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...r.headers });
    res.end(text);
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', ...r.headers });
  let seqNo = 0;
  const send = (type: string, data: Record<string, unknown>) =>
    res.write(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: seqNo++, ...data })}\n\n`);

  send('response.created', { response: responseObject(a, r, 'in_progress', false) });
  const deltas: { type: string; delta: string; item_id: string; output_index: number }[] = [];
  for (const d of a.reasoningPieces) {
    deltas.push({ type: 'response.reasoning_summary_text.delta', delta: d, item_id: `rs_${a.id}`, output_index: 0 });
  }
  const msgIndex = a.reasoningPieces.length > 0 ? 1 : 0;
  for (const d of a.textPieces) {
    deltas.push({ type: 'response.output_text.delta', delta: d, item_id: `msg_${a.id}`, output_index: msgIndex });
  }
  let sent = 0;
  for (const { type, ...rest } of deltas) {
    if (r.resetAfterChunks !== undefined && sent >= r.resetAfterChunks) return destroyAfterFlush(res);
    if (sent > 0 && r.chunkDelayMs) await sleep(r.chunkDelayMs);
    if (res.destroyed) return;
    send(type, type === 'response.output_text.delta' ? { ...rest, content_index: 0 } : { ...rest, summary_index: 0 });
    sent++;
  }
  if (r.resetAfterChunks !== undefined) return destroyAfterFlush(res);
  if (r.responseFailure) {
    send('response.failed', { response: responseObject(a, r, 'failed', false) });
  } else {
    send('response.output_text.done', { item_id: `msg_${a.id}`, output_index: msgIndex, content_index: 0, text: a.text });
    send('response.completed', { response: responseObject(a, r, 'completed', true) });
  }
  res.end();
}

function destroyAfterFlush(res: ServerResponse): void {
  setTimeout(() => res.socket?.destroy(), 20);
}
