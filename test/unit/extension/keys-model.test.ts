import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatKeyReport, isValidKeyName, keySource, missingKeyEnvName, providerKeys } from '../../../src/extension/keys-model';
import { MissingApiKeyError } from '../../../src/runtime/ai/errors';
import { CHECK_KEYS_ENV_NAMES } from '../../../src/runtime/ai/providers';

test('providerKeys: the check-keys list first in its order, then the other providers’ keys, no duplicates', () => {
  const keys = providerKeys();
  const names = keys.map((k) => k.envName);
  assert.deepEqual(names.slice(0, CHECK_KEYS_ENV_NAMES.length), [...CHECK_KEYS_ENV_NAMES]);
  assert.equal(new Set(names).size, names.length);
  assert.ok(names.includes('OPEN_ROUTER_API_KEY'));
  assert.ok(!names.includes(''), 'Ollama needs no key');
  assert.equal(keys[0].providers, 'OpenAI, OpenAIResp');
  const rest = names.slice(CHECK_KEYS_ENV_NAMES.length);
  assert.deepEqual(rest, [...rest].sort());
});

test('keySource: SecretStorage, then the environment; blanks count as missing', () => {
  assert.equal(keySource('sk-1', 'sk-2'), 'SecretStorage');
  assert.equal(keySource(undefined, 'sk-2'), 'environment');
  assert.equal(keySource('  ', 'sk-2'), 'environment');
  assert.equal(keySource(undefined, ''), 'missing');
  assert.equal(keySource(undefined, undefined), 'missing');
});

test('formatKeyReport: aligned lines with the source, never a value, and a total', () => {
  const lines = formatKeyReport([
    { envName: 'OPENAI_API_KEY', providers: 'OpenAI, OpenAIResp', source: 'SecretStorage' },
    { envName: 'GROQ_API_KEY', providers: 'Groq', source: 'environment' },
    { envName: 'XAI_API_KEY', providers: 'Xai', source: 'missing' },
  ]);
  assert.deepEqual(lines, [
    '✓ OPENAI_API_KEY  SecretStorage  (OpenAI, OpenAIResp)',
    '✓ GROQ_API_KEY    environment    (Groq)',
    '✗ XAI_API_KEY     missing        (Xai)',
    '2 of 3 provider keys set.',
  ]);
});

test('missingKeyEnvName: recognises the runtime’s missing-key error only', () => {
  const err = new MissingApiKeyError('ANTHROPIC_API_KEY', 'Anthropic', 'claude-x');
  assert.equal(missingKeyEnvName(err.message), 'ANTHROPIC_API_KEY');
  assert.equal(missingKeyEnvName(`Task failed: ${err.message}`), 'ANTHROPIC_API_KEY');
  assert.equal(missingKeyEnvName("Missing endpoint for model 'x': environment variable 'GENAI_1_ENDPOINT' is not set."), undefined);
  assert.equal(missingKeyEnvName(undefined), undefined);
  assert.equal(missingKeyEnvName(null), undefined);
});

test('isValidKeyName', () => {
  assert.equal(isValidKeyName('OPENAI_API_KEY'), true);
  assert.equal(isValidKeyName('GENAI_1_API_KEY'), true);
  assert.equal(isValidKeyName('openai'), false);
  assert.equal(isValidKeyName('1KEY'), false);
  assert.equal(isValidKeyName('A B'), false);
});
