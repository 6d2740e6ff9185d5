/**
 * The `.aip` language server: wires the pure feature modules to an LSP
 * connection. Every handler is guarded so a bad document yields an empty
 * answer and a log line, never a crashed server. Agent code is never run.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CompletionItemKind,
  DiagnosticSeverity,
  FoldingRangeKind,
  MarkupKind,
  SymbolKind,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type CompletionItem,
  type Connection,
  type CodeAction,
  CodeActionKind,
  type Diagnostic,
  type DocumentSymbol,
  type Location,
  type TextEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PRICE_TABLE } from '../runtime/ai/pricing';
import { analyzeAip, type AipDocument } from './aip-doc';
import { type AgentEnv, type EnvSettings, agentEnvFor } from './agent-env';
import { type AipCompletionItem, complete, completeLua, type CompletionKind } from './completion';
import { completeLuaCode } from './lua-complete';
import { definitionAt, referenceAt, referenceMarkdown } from './definition';
import { diagnosticsOf } from './diagnostics';
import { hoverAt, hoverLuaLine, modelOptionAt, optionKeyHover, signatureAt, signatureIn } from './hover';
import { type DocRange, luaDefinition, luaHoverMarkdown, luaReferencesAcross, luaTargetAt } from './lua-nav';
import { type LuaSource, moduleSource, offsetOf, stageSourceAt } from './lua-source';
import { semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from './semantic';
import { LUA_KEYWORDS } from './lua-types';
import { luaModuleDiagnostics } from './lua-rules';
import { isAgentModule } from './module-globals';
import type { Position } from './types';
import { modelInfoMarkdown, resolveModelInfo, type ModelInfo } from './model-info';
import { type AipSymbol, documentSymbols, foldingRanges, luaFolds, luaFunctionSymbols, type SymbolKind as AipSymbolKind } from './outline';
import type { AipDiagnostic } from './types';

export interface ServerInitOptions extends EnvSettings {
  /** Delay between the last edit and the diagnostics run (ms); default 150. */
  diagnosticsDelayMs?: number;
}

/** Answer of the `aipack/agentStatus` request: the language status item of the client shows it. */
export interface AgentStatus extends ModelInfo {
  markdown: string;
}
export const AGENT_STATUS_REQUEST = 'aipack/agentStatus';

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  module: CompletionItemKind.Module,
  function: CompletionItemKind.Function,
  constant: CompletionItemKind.Constant,
  property: CompletionItemKind.Property,
  variable: CompletionItemKind.Variable,
  keyword: CompletionItemKind.Keyword,
  value: CompletionItemKind.Value,
};

const SYMBOL_KIND: Record<AipSymbolKind, SymbolKind> = {
  namespace: SymbolKind.Namespace,
  function: SymbolKind.Function,
  string: SymbolKind.String,
  object: SymbolKind.Object,
  null: SymbolKind.Null,
};

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;

const MODEL_NAMES: string[] = Object.values(PRICE_TABLE).flatMap((rows) => rows.map((r) => r.name));

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const parsed = new Map<string, { version: number; doc: AipDocument }>();
  const luaParsed = new Map<string, { version: number; src: LuaSource }>();
  const timers = new Map<string, NodeJS.Timeout>();
  let settings: ServerInitOptions = {};
  let watchFiles = false;

  const log = (what: string, err: unknown) => connection.console.error(`${what}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);

  const docFor = (uri: string): AipDocument | undefined => {
    const td = documents.get(uri);
    if (!td) return undefined;
    const hit = parsed.get(uri);
    if (hit && hit.version === td.version) return hit.doc;
    const doc = analyzeAip(td.getText());
    parsed.set(uri, { version: td.version, doc });
    return doc;
  };

  /** A pack `lua/*.lua` module open in the editor: served as Lua of its own. */
  const luaDocFor = (uri: string): LuaSource | undefined => {
    if (!uri.endsWith('.lua')) return undefined;
    const td = documents.get(uri);
    if (!td) return undefined;
    const hit = luaParsed.get(uri);
    if (hit && hit.version === td.version) return hit.src;
    const src = moduleSource(td.getText());
    luaParsed.set(uri, { version: td.version, src });
    return src;
  };

  /** The Lua under a position: a module document, or the stage block of an `.aip`. */
  const luaAt = (uri: string, pos: Position): LuaSource | undefined => {
    const lua = luaDocFor(uri);
    if (lua) return lua;
    const d = docFor(uri);
    return d ? stageSourceAt(d, pos) : undefined;
  };

  const envFor = (uri: string): AgentEnv | undefined => {
    if (!uri.startsWith('file:')) return undefined;
    try {
      return agentEnvFor(fileURLToPath(uri), settings);
    } catch {
      return undefined;
    }
  };

  /** Runs a handler, turning any failure into `fallback` and a log line. */
  async function guard<T>(what: string, fallback: T, fn: () => T | Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      log(what, err);
      return fallback;
    }
  }

  const toDiagnostic = (d: AipDiagnostic): Diagnostic => ({ range: d.range, severity: SEVERITY[d.severity], message: d.message, code: d.code, source: 'aipack', data: d.fix });

  async function validate(uri: string): Promise<void> {
    const td = documents.get(uri);
    if (!td) return;
    const version = td.version;
    const diags = await guard('diagnostics', [] as AipDiagnostic[], async () => {
      const lua = luaDocFor(uri);
      if (lua) return uri.startsWith('file:') && isAgentModule(fileURLToPath(uri)) ? luaModuleDiagnostics(lua) : [];
      return diagnosticsOf(docFor(uri)!, envFor(uri));
    });
    // A newer version is on its way; its own run publishes.
    if (documents.get(uri)?.version !== version) return;
    await connection.sendDiagnostics({ uri, version, diagnostics: diags.map(toDiagnostic) });
  }

  function schedule(uri: string): void {
    clearTimeout(timers.get(uri));
    const delay = settings.diagnosticsDelayMs ?? 150;
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void validate(uri);
      }, delay),
    );
  }

  connection.onInitialize((params) => {
    const opts = params.initializationOptions as ServerInitOptions | undefined;
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    if (opts && typeof opts === 'object') settings = { ...opts };
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['.', '#', '"', '{'] },
        hoverProvider: true,
        signatureHelpProvider: { triggerCharacters: ['(', ','] },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        semanticTokensProvider: { legend: { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] }, full: true },
        renameProvider: { prepareProvider: true },
      },
      serverInfo: { name: 'aipack-language-server' },
    };
  });

  // TextDocuments fires onDidChangeContent right after onDidOpen; the open is validated at once, so that one is skipped.
  const justOpened = new Set<string>();
  documents.onDidOpen((e) => {
    justOpened.add(e.document.uri);
    void validate(e.document.uri);
  });
  documents.onDidChangeContent((e) => {
    if (justOpened.delete(e.document.uri)) return;
    schedule(e.document.uri);
  });
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    parsed.delete(e.document.uri);
    luaParsed.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  const toItem = (it: AipCompletionItem): CompletionItem => ({
    label: it.label,
    kind: COMPLETION_KIND[it.kind],
    detail: it.detail,
    documentation: it.documentation ? { kind: MarkupKind.Markdown, value: it.documentation } : undefined,
    textEdit: it.textEdit,
    sortText: it.sortText,
  });

  connection.onCompletion((p) =>
    guard('completion', [] as CompletionItem[], async () => {
      const lua = luaDocFor(p.textDocument.uri);
      const d = lua ? undefined : docFor(p.textDocument.uri);
      if (lua) {
        const roots = envFor(p.textDocument.uri)?.requireRoots;
        const prefix = (lua.code.split('\n')[p.position.line] ?? '').slice(0, p.position.character);
        return completeLua(prefix, undefined, (pre) => completeLuaCode(lua, p.position, pre, { requireRoots: roots })).map(toItem);
      }
      if (!d) return [];
      let models: { aliases: Record<string, string>; names: string[] } | undefined;
      const line = d.lines[p.position.line] ?? '';
      const env = envFor(p.textDocument.uri);
      if (/^\s*model\s*=\s*"/.test(line)) {
        const info = env ? await resolveModelInfo(d, env, (n) => process.env[n]) : undefined;
        models = { aliases: info?.aliases ?? {}, names: MODEL_NAMES };
      }
      return complete(d, p.position, { models, requireRoots: env?.requireRoots }).map(toItem);
    }),
  );

  /** Hover, definition and references of Lua names (locals, module functions, typed fields). */
  const luaHit = (uri: string, pos: Position) => {
    const src = luaAt(uri, pos);
    if (!src) return undefined;
    const hit = luaTargetAt(src, pos, { requireRoots: envFor(uri)?.requireRoots });
    return hit ? { src, hit } : undefined;
  };
  const location = (uri: string, r: DocRange): Location => ({ uri: r.path ? pathToFileURL(r.path).href : uri, range: r.range });

  connection.onHover((p) =>
    guard('hover', null, async () => {
      const lua = luaDocFor(p.textDocument.uri);
      if (lua) {
        const line = lua.code.split('\n')[p.position.line] ?? '';
        const h = hoverLuaLine(line, p.position, undefined);
        if (h) return { contents: { kind: MarkupKind.Markdown, value: h.contents }, range: h.range };
      }
      const lh = luaHit(p.textDocument.uri, p.position);
      if (lh) return { contents: { kind: MarkupKind.Markdown, value: luaHoverMarkdown(lh.hit.target) }, range: lh.hit.range };
      const d = lua ? undefined : docFor(p.textDocument.uri);
      if (!d) return null;
      const opt = optionKeyHover(d, p.position);
      if (opt) return { contents: { kind: MarkupKind.Markdown, value: opt.contents }, range: opt.range };
      const model = modelOptionAt(d, p.position);
      if (model) {
        const env = envFor(p.textDocument.uri);
        if (!env) return null;
        const info = await resolveModelInfo(d, env, (n) => process.env[n]);
        return { contents: { kind: MarkupKind.Markdown, value: modelInfoMarkdown(info) }, range: model.range };
      }
      const env = envFor(p.textDocument.uri);
      const ref = env ? await referenceAt(d, p.position, env) : undefined;
      if (ref) return { contents: { kind: MarkupKind.Markdown, value: referenceMarkdown(ref) }, range: ref.originRange };
      const h = hoverAt(d, p.position);
      return h ? { contents: { kind: MarkupKind.Markdown, value: h.contents }, range: h.range } : null;
    }),
  );

  connection.onSignatureHelp((p) =>
    guard('signature help', null, () => {
      const env = { requireRoots: envFor(p.textDocument.uri)?.requireRoots };
      const lua = luaDocFor(p.textDocument.uri);
      const offset = lua && offsetOf(lua, p.position);
      const d = lua ? undefined : docFor(p.textDocument.uri);
      const s = lua && offset !== undefined ? signatureIn(lua.code.slice(0, offset), { src: lua, offset, pos: p.position, env }) : d && signatureAt(d, p.position, env);
      if (!s) return null;
      return {
        signatures: [
          {
            label: s.label,
            documentation: { kind: MarkupKind.Markdown, value: s.documentation },
            parameters: s.parameters.map((label) => ({ label })),
          },
        ],
        activeSignature: 0,
        activeParameter: s.activeParameter,
      };
    }),
  );

  connection.onDocumentSymbol((p) =>
    guard('symbols', [], () => {
      const conv = (s: AipSymbol): DocumentSymbol => ({ ...s, kind: SYMBOL_KIND[s.kind], children: s.children?.map(conv) });
      const lua = luaDocFor(p.textDocument.uri);
      if (lua) return luaFunctionSymbols(lua).map(conv);
      const d = docFor(p.textDocument.uri);
      if (!d) return [];
      return documentSymbols(d).map(conv);
    }),
  );

  connection.onFoldingRanges((p) =>
    guard('folding', [], () => {
      const lua = luaDocFor(p.textDocument.uri);
      const d = lua ? undefined : docFor(p.textDocument.uri);
      const folds = lua ? luaFolds(lua) : d ? foldingRanges(d) : [];
      return folds.map((f) => ({ ...f, kind: f.kind === 'region' ? FoldingRangeKind.Region : undefined }));
    }),
  );

  connection.languages.semanticTokens.on((p) =>
    guard('semantic tokens', { data: [] as number[] }, () => {
      const lua = luaDocFor(p.textDocument.uri);
      return { data: semanticTokens(lua ? undefined : docFor(p.textDocument.uri), lua) };
    }),
  );

  // A required module, a sub-agent or a config file changed on disk: check the open agents again.
  connection.onInitialized(() => {
    if (!watchFiles) return;
    void connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.lua' }, { globPattern: '**/*.aip' }, { globPattern: '**/*.toml' }] })
      .catch((err) => log('file watch registration', err));
  });
  connection.onDidChangeWatchedFiles(() => {
    for (const td of documents.all()) schedule(td.uri);
  });

  connection.onCodeAction((p) =>
    guard('code actions', [] as CodeAction[], () =>
      p.context.diagnostics.flatMap((diag): CodeAction[] => {
        const fix = diag.data as AipDiagnostic['fix'] | undefined;
        if (!fix || typeof fix.newText !== 'string') return [];
        return [{ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diag], isPreferred: true, edit: { changes: { [p.textDocument.uri]: [{ range: fix.range, newText: fix.newText }] } } }];
      }),
    ),
  );

  connection.onReferences((p) =>
    guard('references', [] as Location[], () => {
      const lh = luaHit(p.textDocument.uri, p.position);
      return lh ? luaReferencesAcross(lh.src, lh.hit.target, p.position).map((r) => location(p.textDocument.uri, r)) : [];
    }),
  );

  connection.onPrepareRename((p) =>
    guard('rename', null, () => {
      const lh = luaHit(p.textDocument.uri, p.position);
      return lh && lh.hit.target.kind !== 'typed-field' ? lh.hit.range : null;
    }),
  );

  connection.onRenameRequest((p) => {
    if (!/^[A-Za-z_]\w*$/.test(p.newName) || LUA_KEYWORDS.includes(p.newName)) return new ResponseError(ErrorCodes.InvalidParams, `'${p.newName}' is not a Lua name`);
    return guard('rename', null, () => {
      const lh = luaHit(p.textDocument.uri, p.position);
      if (!lh) return null;
      const changes: Record<string, TextEdit[]> = {};
      for (const r of luaReferencesAcross(lh.src, lh.hit.target, p.position)) {
        const loc = location(p.textDocument.uri, r);
        (changes[loc.uri] ??= []).push({ range: loc.range, newText: p.newName });
      }
      return Object.keys(changes).length ? { changes } : null;
    });
  });

  connection.onDefinition((p) =>
    guard('definition', null, async () => {
      const lh = luaHit(p.textDocument.uri, p.position);
      const def = lh && luaDefinition(lh.src, lh.hit.target);
      if (lh && def) {
        const loc = location(p.textDocument.uri, def);
        return [{ originSelectionRange: lh.hit.range, targetUri: loc.uri, targetRange: loc.range, targetSelectionRange: loc.range }];
      }
      const d = docFor(p.textDocument.uri);
      const env = envFor(p.textDocument.uri);
      if (!d || !env) return null;
      const hit = await definitionAt(d, p.position, env);
      if (!hit) return null;
      const zero = { line: 0, character: 0 };
      return [{ originSelectionRange: hit.originRange, targetUri: pathToFileURL(hit.path).href, targetRange: { start: zero, end: zero }, targetSelectionRange: { start: zero, end: zero } }];
    }),
  );

  connection.onRequest(AGENT_STATUS_REQUEST, (p: { uri: string }) =>
    guard('agent status', null as AgentStatus | null, async () => {
      // A Lua module has no model of its own.
      const d = luaDocFor(p.uri) ? undefined : docFor(p.uri);
      const env = envFor(p.uri);
      if (!d || !env) return null;
      const info = await resolveModelInfo(d, env, (n) => process.env[n]);
      return { ...info, markdown: modelInfoMarkdown(info) };
    }),
  );

  documents.listen(connection);
  connection.listen();
}
