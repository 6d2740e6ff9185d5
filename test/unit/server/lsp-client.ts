/**
 * A minimal LSP client for the server tests: spawns `src/server/main.ts --stdio`
 * under tsx, speaks JSON-RPC over its pipes and collects published diagnostics.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver/node';

const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER_FIXTURES = path.join(ROOT, 'test', 'fixtures', 'server');

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; message: string; severity: number; code: string }[];
}

export class LspTestClient {
  readonly conn: MessageConnection;
  private readonly published = new Map<string, PublishedDiagnostics>();
  private waiters: { uri: string; version?: number; resolve: (d: PublishedDiagnostics) => void }[] = [];
  private versions = new Map<string, number>();
  readonly stderr: string[] = [];
  exited = false;

  private constructor(
    readonly child: ChildProcess,
    readonly home: string,
  ) {
    this.conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    child.stderr!.on('data', (b: Buffer) => this.stderr.push(b.toString()));
    child.on('exit', () => (this.exited = true));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      this.published.set(p.uri, p);
      const fits = (w: { uri: string; version?: number }) => w.uri === p.uri && (w.version === undefined || w.version === p.version);
      const ready = this.waiters.filter(fits);
      this.waiters = this.waiters.filter((w) => !fits(w));
      for (const w of ready) w.resolve(p);
    });
    this.conn.onNotification('window/logMessage', () => undefined);
    this.conn.listen();
  }

  static async start(): Promise<LspTestClient> {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-lsp-home-'));
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/server/main.ts'), '--stdio'], {
      cwd: ROOT,
      env: { ...process.env, HOME: home, AIPACK_BASE_DIR: path.join(SERVER_FIXTURES, 'base') },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const c = new LspTestClient(child, home);
    await c.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
      initializationOptions: { baseDir: path.join(SERVER_FIXTURES, 'base'), homeDir: home, diagnosticsDelayMs: 10 },
    });
    await c.conn.sendNotification('initialized', {});
    return c;
  }

  /** Opens a document and waits for its first diagnostics. */
  async open(filePath: string, text?: string): Promise<PublishedDiagnostics> {
    const uri = pathToFileURL(filePath).href;
    const content = text ?? fs.readFileSync(filePath, 'utf8');
    const wait = this.nextDiagnostics(uri, 1);
    this.versions.set(uri, 1);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'aip', version: 1, text: content } });
    return wait;
  }

  /** Replaces the whole text and waits for the new diagnostics. */
  async change(filePath: string, text: string): Promise<PublishedDiagnostics> {
    const uri = pathToFileURL(filePath).href;
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const wait = this.nextDiagnostics(uri, version);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return wait;
  }

  /** The next diagnostics published for `uri` (for `version` when given). */
  nextDiagnostics(uri: string, version?: number): Promise<PublishedDiagnostics> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}; stderr: ${this.stderr.join('')}`)), 20000);
      this.waiters.push({
        uri,
        version,
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d);
        },
      });
    });
  }

  request<T>(method: string, filePath: string, position?: { line: number; character: number }, extra: Record<string, unknown> = {}): Promise<T> {
    const params: Record<string, unknown> = { textDocument: { uri: pathToFileURL(filePath).href }, ...extra };
    if (position) params.position = position;
    return this.conn.sendRequest(method, params) as Promise<T>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.conn.sendNotification(method, params);
  }

  async stop(): Promise<void> {
    try {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    await new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      const t = setTimeout(() => {
        this.child.kill();
        resolve();
      }, 3000);
      this.child.on('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    this.conn.dispose();
    fs.rmSync(this.home, { recursive: true, force: true });
  }
}
