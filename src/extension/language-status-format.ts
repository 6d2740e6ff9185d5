/**
 * Text of the `.aip` language status item (issue 9): which model and provider this
 * agent would use, and config problems. Pure, so it is unit-tested without VS Code.
 */
export interface AgentStatusLike {
  model?: string;
  resolved?: string;
  provider?: { id: string; kind: string; providerModel: string; effort?: string };
  keyEnv?: string;
  keySet?: boolean;
  problems: string[];
  markdown: string;
}

export interface StatusView {
  text: string;
  detail: string;
  severity: 'info' | 'warning' | 'error';
}

export function formatAgentStatus(s: AgentStatusLike | null | undefined): StatusView {
  if (!s) return { text: '$(hubot) AIPack', detail: 'No agent information', severity: 'info' };
  if (!s.model) {
    return { text: '$(error) No model', detail: s.problems[0] ?? 'No config layer sets a model', severity: 'error' };
  }
  const shown = s.resolved && s.resolved !== s.model ? `${s.model} → ${s.resolved}` : s.model;
  const provider = s.provider ? ` · ${s.provider.kind}` : '';
  if (s.problems.length > 0) return { text: `$(warning) ${shown}${provider}`, detail: s.problems[0], severity: 'error' };
  if (s.keyEnv && s.keySet === false) {
    return { text: `$(key) ${shown}${provider}`, detail: `${s.keyEnv} is not set`, severity: 'warning' };
  }
  return { text: `$(hubot) ${shown}${provider}`, detail: s.provider ? `served by ${s.provider.kind} as ${s.provider.providerModel}` : '', severity: 'info' };
}
