/** The run database (§6): entity modules, their row shapes and the ModelManager. */
export * from './types';
export { ModelManager, type ModelManagerOptions } from './model-manager';
export { Db, locateSqlWasm } from './db';
export { newUid } from './base';
export { RunBmc, type Run, type RunForCreate, type RunForUpdate } from './run';
export { TaskBmc, TASK_NOT_ENDED, type Task, type TaskForCreate, type TaskForUpdate } from './task';
export { LogBmc, type Log, type LogForCreate } from './log';
export { ErrBmc, type Err, type ErrForCreate } from './err';
export { PinBmc, type Pin, type PinWithContent, type PinForSave } from './pin';
export { PromptBmc, type Prompt, type PromptForCreate } from './prompt';
export { InoutBmc, type Inout, type InoutForCreate } from './inout';
export { UcontentBmc, ucontentHash, type Ucontent } from './ucontent';
export { WorkBmc, type Work, type WorkForCreate, type WorkForUpdate } from './work';
export { LoopBmc, type Loop } from './loop';
export { typedContentFromValue, extractShort, truncateChars, SHORT_MAX_CHARS, type TypedContent } from './typed-content';
export { runningState, taskDataState, taskAiState, runningStateLabel } from './running-state';
