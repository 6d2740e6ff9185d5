/**
 * A tiny HTTP server for faults the mock OpenAI server cannot script: it answers
 * every POST with a fixed raw body (e.g. an SSE stream that ends cleanly without
 * `[DONE]`), and counts the requests. Also a port nobody listens on.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RawServer {
  baseUrl: string;
  requests: number;
  close(): Promise<void>;
}

export async function startRawServer(answer: (res: ServerResponse, n: number) => void): Promise<RawServer> {
  const sockets = new Set<Socket>();
  const state = { requests: 0 };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(res, ++state.requests));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1/`,
    get requests() {
      return state.requests;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A base URL on 127.0.0.1 whose port was just free (connection refused). */
export async function refusedBaseUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return `http://127.0.0.1:${port}/v1/`;
}

/** An SSE chat stream with content chunks that ends the response without a finish_reason or `[DONE]`. */
export function sseWithoutDone(res: ServerResponse, words: string[]): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const w of words) {
    const chunk = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: w }, finish_reason: null }] };
    res.write(`data: ${JSON.stringify(chunk)}\n\n`);
  }
  res.end();
}
