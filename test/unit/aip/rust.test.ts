import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rustCatalog } from '../../../src/runtime/script/aip/rust';
import { caller, checkCatalogShape, throwsMessage } from '../../fixtures/aip-text/call';

const call = caller(rustCatalog);

const SRC = `
use some::module; // and comment

pub fn async some_async_fn(some_arg: String) -> i32{
   let some = "code";
	 123
}

// Some fn normal
fn some_normal() {
		// DOING SOME STUFF
}

impl SomeStruct {
  fn some_fn() {
	   // Lot of stuff
	}
}

#[cfg(test)]
mod tests {
 // Some tests
 fn some_test() {
 }
}
`;

const EXPECTED = `
use some::module; // and comment

pub fn async some_async_fn(some_arg: String) -> i32{
    // ...
}

// Some fn normal
fn some_normal() {
    // ...
}

impl SomeStruct {
  fn some_fn() {
    // ...
	}
}

#[cfg(test)]
mod tests {
    // ...
}
`;

test('aip.rust catalog: prune_to_declarations', () => {
  checkCatalogShape(rustCatalog, ['prune_to_declarations'], []);
});

test('aip.rust.prune_to_declarations: bodies replaced, declarations and top-level comments kept', () => {
  assert.equal(call('prune_to_declarations', SRC), EXPECTED);
});

test('aip.rust.prune_to_declarations: struct bodies, identifiers starting with fn, strings with //', () => {
  const src = 'struct S {\n  a: u8,\n}\nconst U: &str = "http://x";\nfn fnord() { let fnx = 1; }\n';
  assert.equal(call('prune_to_declarations', src), 'struct S {\n  a: u8,\n}\nconst U: &str = "http://x";\nfn fnord() {\n    // ...\n}\n');
});

test('aip.rust.prune_to_declarations: errors', () => {
  throwsMessage(() => call('prune_to_declarations', 'fn a() {}\f'), 'Failed to prune Rust code: lexer next error ()');
  throwsMessage(() => call('prune_to_declarations', undefined), "aip.rust.prune_to_declarations - expected <string> for parameter 'code' but got nil");
});
