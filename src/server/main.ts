/**
 * Entry of the `.aip` language server (dist/server.js). The transport comes
 * from the command line (`--stdio`, `--node-ipc`, `--socket=`), as
 * vscode-languageclient starts it.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
