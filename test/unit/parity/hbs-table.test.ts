// Differential table for templates: each row is a template, its data, and the text handlebars-rust 6
// (escape function off, as aipack's `support/hbs.rs` sets it) renders — or the error it raises.
// Every expected value cites the handlebars-rust source or test it comes from
// (github:sunng87/handlebars-rust, 6.4.3). Rows marked `grammar:` follow from src/grammar.pest
// where no test spells the case out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTemplateAny } from '../../../src/runtime/run/handlebars';

interface Row {
  tpl: string;
  data: unknown;
  /** The rendered text, or `{ error: RegExp }` when handlebars-rust refuses the template. */
  want: string | { error: RegExp };
  src: string;
}

const cond = (c: string) => `{{#if ${c}}}lorem{{else}}ipsum{{/if}}`;

const ROWS: Row[] = [
  // -- braces, escapes, raw blocks, comments
  { tpl: '[{{name}}}]', data: { name: 'a' }, want: '[a}]', src: 'grammar: `expression` ends at "}}", the next "}" is `raw_text`' },
  { tpl: '{{data.inst}}}', data: { data: { inst: 'Do it' } }, want: 'Do it}', src: 'grammar: as above (aipack demo@proof `# Instruction`)' },
  { tpl: '{{{v}}}}', data: { v: 'x' }, want: 'x}', src: 'grammar: `html_expression_triple_bracket_legacy` then `raw_text`' },
  { tpl: '\\{{hello}}', data: { hello: 'world' }, want: '{{hello}}', src: 'src/registry.rs test_escape' },
  { tpl: ' \\{{hello}}', data: { hello: 'world' }, want: ' {{hello}}', src: 'src/registry.rs test_escape' },
  { tpl: '\\\\{{hello}}', data: { hello: 'world' }, want: '\\world', src: 'src/registry.rs test_escape' },
  {
    tpl: '\\\\\\\\ {{FOO}} {{BAR}} {{FOO}}{{BAR}} {{FOO}}#{{BAR}} {{FOO}}//{{BAR}} {{FOO}}\\\\{{FOO}} {{FOO}}\\\\\\\\{{FOO}}\\\\\\{{FOO}} \\\\\\{{FOO}} \\{{FOO}} \\{{FOO}}',
    data: { FOO: 'foo', BAR: 'bar' },
    want: '\\\\\\\\ foo bar foobar foo#bar foo//bar foo\\foo foo\\\\\\foo\\\\foo \\\\foo {{FOO}} {{FOO}}',
    src: 'tests/escape.rs test_escape_216',
  },
  { tpl: 'foo \\{{bar}}', data: {}, want: 'foo {{bar}}', src: 'src/template.rs test_parse_escaped_tag_raw_string' },
  { tpl: '\\\\\\\\', data: {}, want: '\\\\\\\\', src: 'src/template.rs test_pure_backslash_raw_string' },
  { tpl: 'a{{{{raw}}}}{{content}}{{else}}hello{{{{/raw}}}}', data: {}, want: 'a{{content}}{{else}}hello', src: 'src/helpers/helper_raw.rs test_raw_helper' },
  { tpl: 'hello{{{{raw}}}}good{{night}}{{{{/raw}}}}world', data: {}, want: 'hellogood{{night}}world', src: 'src/template.rs test_raw_helper' },
  { tpl: 'Hello {{this}} {{! test me }}', data: 0, want: 'Hello 0 ', src: 'src/render.rs test_comment' },
  { tpl: 'a{{!-- {{x}} }} --}}b', data: { x: 1 }, want: 'ab', src: 'grammar: `hbs_comment` runs to "--}}"' },
  { tpl: '{{invalid', data: {}, want: { error: /./ }, src: 'src/template.rs test_unclosed_expression' },
  { tpl: '{{invalid}', data: {}, want: { error: /./ }, src: 'src/template.rs test_unclosed_expression' },
  { tpl: '{{!hello', data: {}, want: { error: /./ }, src: 'src/template.rs test_unclosed_expression' },
  // -- whitespace control and standalone lines
  { tpl: '  {{~ foo ~}}  ', data: { foo: 'bar' }, want: 'bar', src: 'tests/whitespace.rs test_whitespaces_elision' },
  { tpl: '  {{~ {foo} ~}}  ', data: { foo: '<bar/>' }, want: '<bar/>', src: 'tests/whitespace.rs test_whitespaces_elision' },
  { tpl: 'hello~     {{~world~}} \n  !{{~#if true}}else{{/if~}}', data: { world: 'W' }, want: 'hello~W!else', src: 'src/template.rs test_white_space_omitter' },
  { tpl: '{{#if true}}1  {{~ else ~}} 2 {{~/if}}', data: {}, want: '1', src: 'src/template.rs test_white_space_omitter' },
  { tpl: '{{#if a}}\nyes\n{{/if}}\n', data: { a: true }, want: 'yes\n', src: 'src/helpers/helper_if.rs test_invisible_line_stripping' },
  { tpl: '{{#if a}}\r\nyes\r\n{{/if}}\r\n', data: { a: true }, want: 'yes\r\n', src: 'src/helpers/helper_if.rs test_invisible_line_stripping' },
  { tpl: '{{#if a}}x{{/if}}\ny', data: { a: true }, want: 'x\ny', src: 'src/helpers/helper_if.rs test_invisible_line_stripping' },
  { tpl: '{{#if a}}\nx\n{{^}}\ny\n{{/if}}\nz', data: { a: false }, want: 'y\nz', src: 'src/helpers/helper_if.rs test_invisible_line_stripping' },
  { tpl: 'yes\n  {{#if true}}\n  foo\n  bar\n  {{/if}}\n  baz', data: {}, want: 'yes\n  foo\n  bar\n  baz', src: 'src/helpers/helper_if.rs test_invisible_line_stripping' },
  { tpl: '{{#each synonyms}}\n    {{this.name}} => \'{{this.sym}}\',\n    {{/each}}\n', data: { synonyms: [{ name: 'lt', sym: '<' }] }, want: "    lt => '<',\n", src: 'tests/escape.rs test_string_whitespace_467' },
  // -- if / unless / else chains / truthiness
  { tpl: '{{#if this}}hello{{/if}}', data: true, want: 'hello', src: 'src/helpers/helper_if.rs test_if' },
  { tpl: '{{#unless this}}hello{{else}}world{{/unless}}', data: true, want: 'world', src: 'src/helpers/helper_if.rs test_if' },
  { tpl: '{{#if a.c.d}}hello {{a.b}}{{/if}}', data: { a: { b: 99, c: { d: true } } }, want: 'hello 99', src: 'src/helpers/helper_if.rs test_if_context' },
  { tpl: '{{#with a}}{{#if c.d}}hello {{../a.b}}{{/if}}{{/with}}', data: { a: { b: 99, c: { d: true } } }, want: 'hello 99', src: 'src/helpers/helper_if.rs test_if_context' },
  { tpl: '{{#if a}}1{{else if b}}2{{else}}0{{/if}}', data: { d: 1 }, want: '0', src: 'src/helpers/helper_if.rs test_if_else_chain' },
  { tpl: '{{#if a}}1{{else if b}}2{{else if c}}3{{else if d}}4{{else}}0{{/if}}', data: { c: 1, d: 1 }, want: '3', src: 'src/helpers/helper_if.rs test_if_else_chain2' },
  { tpl: '{{#if a}}1{{else if b}}2{{else if c}}3{{else if d}}4{{/if}}', data: { d: 1 }, want: '4', src: 'src/helpers/helper_if.rs test_if_else_chain3' },
  { tpl: '{{#if a}}1{{else}}0{{/if}}', data: { a: 0 }, want: '0', src: 'src/helpers/helper_if.rs test_if_include_zero' },
  { tpl: '{{#if a includeZero=true}}1{{else}}0{{/if}}', data: { a: 0 }, want: '1', src: 'src/helpers/helper_if.rs test_if_include_zero' },
  { tpl: '{{#if v}}T{{else}}F{{/if}}', data: { v: '' }, want: 'F', src: 'src/json/value.rs JsonTruthy (empty string)' },
  { tpl: '{{#if v}}T{{else}}F{{/if}}', data: { v: [] }, want: 'F', src: 'src/json/value.rs JsonTruthy (empty array)' },
  { tpl: '{{#if v}}T{{else}}F{{/if}}', data: { v: {} }, want: 'F', src: 'src/json/value.rs JsonTruthy (empty object)' },
  { tpl: '{{#if v}}T{{else}}F{{/if}}', data: { v: '0' }, want: 'T', src: 'src/json/value.rs JsonTruthy (non-empty string)' },
  { tpl: 'null: {{null}} --> {{#if null }}true{{else}}false{{/if}}', data: { null: true }, want: 'null: true --> false', src: 'src/registry.rs test_keys_starts_with_null' },
  { tpl: 'null: {{null}} --> {{#if this.[null]}}true{{else}}false{{/if}}', data: { null: true }, want: 'null: true --> true', src: 'src/registry.rs test_keys_starts_with_null' },
  // -- each / with / lookup / paths
  { tpl: '{{#each a}}each{{/each}}', data: { a: [] }, want: '', src: 'src/helpers/helper_each.rs test_empty_each' },
  { tpl: '{{#each this}}{{@first}}|{{@last}}|{{@index}}:{{this}}|{{/each}}', data: [1, 2, 3], want: 'true|false|0:1|false|false|1:2|false|true|2:3|', src: 'src/helpers/helper_each.rs test_each' },
  {
    tpl: '{{#each this}}{{@first}}|{{@last}}|{{@key}}:{{this}}|{{@index}}|{{/each}}',
    data: { ftp: 21, gopher: 70, http: 80 },
    want: 'true|false|ftp:21|0|false|false|gopher:70|1|false|true|http:80|2|',
    src: 'src/helpers/helper_each.rs test_each',
  },
  { tpl: '{{#each a.b}}{{#each c}}{{../../d}}{{/each}}{{/each}}', data: { a: { b: [{ c: [1] }] }, d: 1 }, want: '1', src: 'src/helpers/helper_each.rs test_nested_each_with_path_ups' },
  { tpl: '{{#each list}}A{{else}}{{foo}}{{/each}}', data: { list: [], foo: 'bar' }, want: 'bar', src: 'src/helpers/helper_each.rs test_else_context' },
  { tpl: '{{#each this}}each block{{else}}else block{{/each}}', data: "strings aren't iterable", want: 'else block', src: 'src/helpers/helper_each.rs test_non_iterable' },
  { tpl: '{{#each this as |b index|}}{{b.value}}{{#each this as |value key|}}:{{key}},{{/each}}{{/each}}', data: [{ value: 11 }, { value: 22 }], want: '11:value,22:value,', src: 'tests/block_context.rs test_singular_and_pair_block_params' },
  { tpl: '{{#each classes as |class|}}{{#each class.methods as |method|}}{{method.id}};{{/each}}{{/each}}', data: { classes: [{ methods: [{ id: 1 }, { id: 2 }] }, { methods: [{ id: 3 }, { id: 4 }] }] }, want: '1;2;3;4;', src: 'tests/block_context.rs test_nested_each' },
  { tpl: '{{#each this}}{{@key}}: {{this}}\n{{/each}}', data: { '/foo': 'bar' }, want: '/foo: bar\n', src: 'src/render.rs test_key_with_slash' },
  { tpl: '{{#each v1}}{{lookup ../v2 @index}}{{/each}}', data: { v1: [1, 2, 3], v2: [9, 8, 7] }, want: '987', src: 'src/helpers/helper_lookup.rs test_lookup' },
  { tpl: '{{#each v1}}{{lookup ../v2 1}}{{/each}}', data: { v1: [1, 2, 3], v2: [9, 8, 7] }, want: '888', src: 'src/helpers/helper_lookup.rs test_lookup' },
  { tpl: '{{lookup kk "a"}}', data: { kk: { a: 'world' } }, want: 'world', src: 'src/helpers/helper_lookup.rs test_lookup' },
  { tpl: '{{lookup null 1}}', data: { v1: [1, 2, 3] }, want: '', src: 'src/helpers/helper_lookup.rs test_lookup' },
  { tpl: '{{lookup v1 3}}', data: { v1: [1, 2, 3] }, want: '', src: 'src/helpers/helper_lookup.rs test_lookup' },
  { tpl: '{{lookup}}', data: {}, want: { error: /lookup/ }, src: 'src/helpers/helper_lookup.rs test_lookup (assert_render_template_err)' },
  { tpl: '{{#with (lookup a.b "c")}}{{this}}{{/with}}', data: { a: { b: { c: 'd' } } }, want: 'd', src: 'src/helpers/helper_with.rs test_derived_value' },
  { tpl: '{{#with (lookup a "b")}}{{#with this}}{{c}}{{/with}}{{/with}}', data: { a: { b: { c: 'd' } } }, want: 'd', src: 'src/helpers/helper_with.rs test_nested_derived_value' },
  { tpl: '{{#with name}}yes{{else}}no{{/with}}', data: {}, want: 'no', src: 'src/helpers/helper_with.rs test_strict_with (non-strict part)' },
  { tpl: 'accessing valid array index {{this.[2]}}', data: [1, 2, 3], want: 'accessing valid array index 3', src: 'src/registry.rs test_strict_mode (non-strict render)' },
  { tpl: 'accessing non-exists key {{the_key_never_exists}}', data: { the_only_key: 'x' }, want: 'accessing non-exists key ', src: 'src/registry.rs test_strict_mode (non-strict render)' },
  { tpl: '[{{a.b.c.d}}][{{a.x.0.y}}]', data: { a: { b: 1 } }, want: '[][]', src: 'src/render.rs Expression: a missing value renders nothing when not strict' },
  { tpl: '{{#each children}}outer={{{outer}}} inner={{{inner}}}{{/each}}', data: { children: [{ inner: 'inner' }], outer: 'outer' }, want: 'outer= inner=inner', src: 'src/render.rs test_recursive_path_resolution' },
  { tpl: '{{#each a}}{{b}}:{{@root.b}};{{/each}}', data: { a: [{ b: 1 }, { b: 2 }], b: 3 }, want: '1:3;2:3;', src: 'tests/block_context.rs test_root_with_blocks (inline partial left out)' },
  { tpl: '{{l}} {{o}} {{n}}', data: { l: [1, 'a', [true]], o: { a: 1 }, n: null }, want: '[1, a, [true]] [object] ', src: 'src/json/value.rs JsonRender' },
  // -- helpers shipped by the crate
  { tpl: cond('(or (gt 3 5) (gt 5 3))'), data: {}, want: 'lorem', src: 'src/helpers/helper_extras.rs test_and_or' },
  { tpl: cond('(and null 4 5 6)'), data: {}, want: 'ipsum', src: 'src/helpers/helper_extras.rs test_and_or' },
  { tpl: cond('(or null 4 5 6)'), data: {}, want: 'lorem', src: 'src/helpers/helper_extras.rs test_and_or' },
  { tpl: cond('(and 1 2 3 4 0)'), data: {}, want: 'ipsum', src: 'src/helpers/helper_extras.rs test_and_or' },
  { tpl: cond('(or null 2 3 4 0)'), data: {}, want: 'lorem', src: 'src/helpers/helper_extras.rs test_and_or' },
  { tpl: cond('(eq 5 "5")'), data: {}, want: 'ipsum', src: 'src/helpers/helper_extras.rs test_eq' },
  { tpl: cond('(ne "foo" "Foo")'), data: {}, want: 'lorem', src: 'src/helpers/helper_extras.rs test_ne' },
  { tpl: cond('(not (gt 5 3))'), data: {}, want: 'ipsum', src: 'src/helpers/helper_extras.rs nested_conditions' },
  { tpl: cond('(gt 53 "35")'), data: {}, want: 'lorem', src: 'src/helpers/helper_extras.rs test_comparisons' },
  { tpl: cond('(lt "-1.00" 0)'), data: {}, want: 'lorem', src: 'src/helpers/helper_extras.rs test_comparisons' },
  { tpl: cond('(gte "53" 53)'), data: {}, want: 'lorem', src: 'src/helpers/helper_extras.rs test_comparisons' },
  { tpl: cond('(gt true false)'), data: {}, want: 'lorem', src: 'src/helpers/helper_extras.rs test_comparisons' },
  { tpl: cond('(lte 5.5 5.5)'), data: {}, want: 'lorem', src: 'src/helpers/helper_extras.rs test_comparisons' },
  { tpl: '{{#eq 1 1}}OK{{else}}KO{{/eq}}', data: {}, want: 'OK', src: 'src/helpers/helper_extras.rs test_chained_else_support' },
  { tpl: '{{#ne 1 1}}OK{{else}}KO{{/ne}}', data: {}, want: 'KO', src: 'src/helpers/helper_extras.rs test_chained_else_support' },
  { tpl: '{{#gte 0 1}}OK{{else}}KO{{/gte}}', data: {}, want: 'KO', src: 'src/helpers/helper_extras.rs test_chained_else_support' },
  { tpl: '{{#and true true true}}OK{{else}}KO{{/and}}', data: {}, want: 'OK', src: 'src/helpers/helper_extras.rs test_chained_else_support' },
  { tpl: '{{#or false true}}OK{{else}}KO{{/or}}', data: {}, want: 'OK', src: 'src/helpers/helper_extras.rs test_chained_else_support' },
  { tpl: '{{#not true}}OK{{else}}KO{{/not}}', data: {}, want: 'KO', src: 'src/helpers/helper_extras.rs test_chained_else_support' },
  { tpl: '{{len value}}', data: { value: [1, 2, 3] }, want: '3', src: 'src/helpers/helper_extras.rs test_len' },
  { tpl: '{{len value}}', data: { value: { a: 1, b: 2 } }, want: '2', src: 'src/helpers/helper_extras.rs test_len' },
  { tpl: '{{len value}}', data: { value: 'tomcat' }, want: '6', src: 'src/helpers/helper_extras.rs test_len' },
  { tpl: '{{len value}}', data: { value: 3 }, want: '0', src: 'src/helpers/helper_extras.rs test_len' },
  { tpl: '{{#if 0a}}true{{/if}}', data: { '0a': true }, want: 'true', src: 'src/render.rs test_identifiers_starting_with_numbers' },
  { tpl: '{{eq 1a 1}}', data: { '1a': 2, a: 1 }, want: 'false', src: 'src/render.rs test_identifiers_starting_with_numbers' },
  // -- helpers the crate does not ship: an error, not a section (src/render.rs render_helper → HelperNotFound)
  { tpl: '{{#items}}x{{/items}}', data: { items: [1, 2] }, want: { error: /Helper not found items/ }, src: 'src/render.rs render_helper (no blockHelperMissing in Handlebars::new())' },
  { tpl: '{{> nopartial}}', data: {}, want: { error: /^Partial not found nopartial$/ }, src: 'src/partial.rs (no partial, no block: PartialNotFound)' },
  { tpl: '{{#> layout}}fallback{{/layout}}', data: {}, want: 'fallback', src: 'src/partial.rs (a missing block partial renders its own template)' },
  { tpl: '{{upper name}}', data: { name: 'a' }, want: { error: /Helper not found upper/ }, src: 'src/render.rs render_helper (no helperMissing in Handlebars::new())' },
];

test(`template parity table: ${ROWS.length} rows against handlebars-rust`, () => {
  assert.ok(ROWS.length >= 40);
  const failures: string[] = [];
  for (const row of ROWS) {
    let got: string | Error;
    try {
      got = renderTemplateAny(row.tpl, row.data);
    } catch (err) {
      got = err as Error;
    }
    const want = row.want;
    const ok = typeof want === 'string' ? got === want : got instanceof Error && want.error.test(got.message);
    if (!ok) failures.push(`${JSON.stringify(row.tpl)} [${row.src}]\n   want ${typeof want === 'string' ? JSON.stringify(want) : `error ${want.error}`}\n   got  ${got instanceof Error ? `error ${got.message.split('\n')[0]}` : JSON.stringify(got)}`);
  }
  assert.deepEqual(failures, []);
});
