/**
 * Starts the `.aip` language server (`dist/server.js`, bundled next to the
 * extension) over IPC. It runs in Restricted Mode too: diagnostics, completion
 * and hover only read the text, they never run an agent.
 */
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { errorMessage } from '../runtime/errors';
import { registerLanguageStatus } from './language-status';

export function startLanguageClient(extension: vscode.ExtensionContext, log: vscode.LogOutputChannel): vscode.Disposable {
  const module = vscode.Uri.joinPath(extension.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Pack Lua modules (`lua/*.lua` next to the agents) are served too: the aip API is checked there.
    documentSelector: [{ language: 'aip' }, { language: 'lua', scheme: 'file', pattern: '**/lua/**/*.lua' }],
    outputChannelName: 'AIPack Language Server',
  };
  const client = new LanguageClient('aipack.languageServer', 'AIPack Language Server', serverOptions, clientOptions);
  // Started in the background: activation must not wait for the server process.
  const status = registerLanguageStatus(client);
  client.start().then(
    () => log.info('Language server started'),
    (err) => log.error(`Language server failed to start: ${errorMessage(err)}`),
  );
  return {
    dispose: () => {
      status.dispose();
      void client.stop().catch(() => {});
    },
  };
}
