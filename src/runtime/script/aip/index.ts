/**
 * Every `aip.*` module (§8.4), in one list: the Lua engine registers them, the
 * language server documents them (house rule 2). The run-bound modules (`agent`,
 * `run`, `task`) are listed for documentation; their functions act through the
 * run binding the pipeline gives each stage.
 */
import type { ModuleCatalog } from '../catalog';
import { cmdCatalog } from './cmd';
import { codeCatalog } from './code';
import { csvCatalog } from './csv';
import { editorCatalog } from './editor';
import { fileCatalog } from './file';
import { flowCatalog } from './flow';
import { gitCatalog } from './git';
import { hashCatalog } from './hash';
import { hbsCatalog } from './hbs';
import { htmlCatalog } from './html';
import { jsonCatalog } from './json';
import { luaCatalog } from './lua';
import { mdCatalog } from './md';
import { pathCatalog } from './path';
import { pdfCatalog } from './pdf';
import { agentCatalog, runCatalog, taskCatalog } from './run-bound';
import { rustCatalog } from './rust';
import { semverCatalog } from './semver';
import { shapeCatalog } from './shape';
import { tagCatalog } from './tag';
import { textCatalog } from './text';
import { timeCatalog } from './time';
import { tomlCatalog } from './toml';
import { udiffxCatalog } from './udiffx';
import { uuidCatalog } from './uuid';
import { webCatalog } from './web';
import { yamlCatalog } from './yaml';
import { zipCatalog } from './zip';

/** Modules whose functions need nothing but their arguments and the CallContext. */
export const STATIC_CATALOGS: readonly ModuleCatalog[] = [
  fileCatalog,
  pathCatalog,
  textCatalog,
  mdCatalog,
  jsonCatalog,
  tomlCatalog,
  yamlCatalog,
  webCatalog,
  cmdCatalog,
  gitCatalog,
  editorCatalog,
  codeCatalog,
  rustCatalog,
  hbsCatalog,
  htmlCatalog,
  tagCatalog,
  csvCatalog,
  shapeCatalog,
  hashCatalog,
  uuidCatalog,
  timeCatalog,
  semverCatalog,
  luaCatalog,
  pdfCatalog,
  zipCatalog,
  udiffxCatalog,
  flowCatalog,
];

export const RUN_BOUND_CATALOGS: readonly ModuleCatalog[] = [agentCatalog, runCatalog, taskCatalog];

/** All 30 modules, for documentation and counts. */
export const ALL_CATALOGS: readonly ModuleCatalog[] = [...STATIC_CATALOGS, ...RUN_BOUND_CATALOGS];
