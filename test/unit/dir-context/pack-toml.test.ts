import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { parsePackToml, readPackToml } from '../../../src/runtime/dir-context/pack-toml';
import { BASE, tmpDir } from './helpers';

const P = '/p/pack.toml';
const pack = (body: string) => `[pack]\n${body}\n`;

test('readPackToml: [pack] identity, version, info and [installed] provenance (§5.8)', async () => {
  const t = await readPackToml(path.join(BASE, 'pack/installed/ns_d/pack_d_1'));
  assert.deepEqual(t, {
    namespace: 'ns_d',
    name: 'pack_d_1',
    version: '0.2.0-beta.1',
    info: { license: 'MIT' },
    installed: { time: '2026-01-02T03:04:05+01:00', source: 'aipack.ai' },
  });
});

test('parsePackToml: version grammar ^\\d+.\\d+.\\d+(-[A-Za-z][\\w-]*(.\\d+)?)?$', () => {
  for (const v of ['0.1.0', '10.20.30', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-rc_2-x.3']) {
    assert.equal(parsePackToml(pack(`namespace = "my"\nname = "p"\nversion = "${v}"`), P).version, v);
  }
  for (const v of ['1.0', 'v1.0.0', '1.0.0-1a', '1.0.0-alpha.x', '1.0.0+build']) {
    assert.throws(() => parsePackToml(pack(`namespace = "my"\nname = "p"\nversion = "${v}"`), P), {
      message: 'Invalid version format in /p/pack.toml. Version must follow semver format (e.g., 1.0.0, 1.0.0-alpha.1)',
    }, v);
  }
});

test('parsePackToml: missing pieces, checked as version, namespace, name', () => {
  assert.throws(() => parsePackToml('x = 1', P), { message: 'Missing [pack] section in /p/pack.toml' });
  assert.throws(() => parsePackToml(pack('namespace = "my"\nname = "p"'), P), { message: "version field is missing or empty in '/p/pack.toml'" });
  assert.throws(() => parsePackToml(pack('version = "1.0.0"\nname = "p"'), P), { message: "namespace field is missing or empty in '/p/pack.toml'" });
  assert.throws(() => parsePackToml(pack('version = "1.0.0"\nnamespace = " "'), P), { message: "namespace field is missing or empty in '/p/pack.toml'" });
  assert.throws(() => parsePackToml(pack('version = "1.0.0"\nnamespace = "my"'), P), { message: "name field is missing or empty in '/p/pack.toml'" });
  assert.throws(() => parsePackToml(pack('version = "1.0.0"\nnamespace = "my ns"\nname = "p"'), P), /Pack namespace 'my ns' is not valid/);
  assert.throws(() => parsePackToml(pack('version = "1.0.0"\nnamespace = "my"\nname = "9p"'), P), /Pack name '9p' is not valid/);
});

test('parsePackToml / readPackToml: invalid TOML names file and line; missing file', async () => {
  assert.throws(() => parsePackToml('[pack]\nname = "p"\nversion = 1.0.0.0\n', P), /^Error: Invalid TOML in \/p\/pack.toml:3: /);
  const dir = tmpDir('aip-pack-');
  await assert.rejects(readPackToml(dir), { message: `pack.toml file is missing at '${path.join(dir, 'pack.toml')}'` });
});
