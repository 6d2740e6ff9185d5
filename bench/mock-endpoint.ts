/**
 * The mock OpenAI endpoint of the end-to-end figures: in a process of its own by default
 * (bench/mock-process.ts), as a provider is remote; `BENCH_MOCK=inprocess` serves it from
 * the process under test (its request parsing and stream writing then share that event loop).
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { startMockOpenAI, type MockOpenAI } from '../test/support/mock-openai';

/** A mock endpoint answering `ok` after `delayMs`. */
export interface MockEndpoint {
  baseUrl: string;
  close(): Promise<void>;
}

export const IN_PROCESS = process.env.BENCH_MOCK === 'inprocess';

async function inProcessMock(delayMs: number): Promise<MockEndpoint> {
  const mock: MockOpenAI = await startMockOpenAI();
  mock.setDefaultReply({ text: 'ok', usage: { prompt_tokens: 12, completion_tokens: 2 }, delayMs });
  return { baseUrl: mock.baseUrl, close: () => mock.close() };
}

function processMock(delayMs: number): Promise<MockEndpoint> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'mock-process.ts'), String(delayMs)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`mock process exited (${code}) before it was ready`)));
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /READY (\S+)/.exec(out);
      if (!m) return;
      child.removeAllListeners('exit');
      resolve({
        baseUrl: m[1],
        close: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.stdin.end();
            setTimeout(() => child.kill('SIGKILL'), 2000).unref();
          }),
      });
    });
  });
}

export const startMock = (delayMs: number): Promise<MockEndpoint> => (IN_PROCESS ? inProcessMock(delayMs) : processMock(delayMs));
