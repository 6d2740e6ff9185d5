import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { attachmentIntro, attachmentMessages, mimeFromPath } from '../../../src/runtime/ai/attachments';
import { execChat } from '../../../src/runtime/ai/exec-chat';
import { messageSize, messageText, toOpenAiMessages } from '../../../src/runtime/ai/messages';
import { startMockOpenAI } from '../../support/mock-openai';
import { FIXTURES, memHost, mockSecrets } from './helpers';

const PNG_B64 = 'iVBORw0KGgoAAAANSUhEUg==';
const PDF_B64 = 'JVBERi0xLjQKJW1vY2sK';

const resolveInFixtures = (src: string) => {
  if (src.startsWith('$nowhere/')) throw new Error(`'${src}' requires a workspace`);
  return join(FIXTURES, src);
};

test('intro text, with and without a title (§9.5 wording)', () => {
  assert.equal(attachmentIntro('imgs/a.png', 'a.png'), "Here is file attachment.\nFile Path: 'imgs/a.png'\nFile Name: 'a.png'\n\n");
  assert.equal(
    attachmentIntro('imgs/a.png', 'Logo', 'Company logo'),
    "Here is file attachment.\nFile Path: 'imgs/a.png'\nFile Name: 'Logo'\n\nFile Title: Company logo\n",
  );
});

test('MIME type from the extension', () => {
  assert.equal(mimeFromPath('/x/a.PNG'), 'image/png');
  assert.equal(mimeFromPath('a.jpg'), 'image/jpeg');
  assert.equal(mimeFromPath('a.jpeg'), 'image/jpeg');
  assert.equal(mimeFromPath('a.webp'), 'image/webp');
  assert.equal(mimeFromPath('doc.pdf'), 'application/pdf');
  assert.equal(mimeFromPath('notes.txt'), 'text/plain');
  assert.equal(mimeFromPath('blob.bin'), 'application/octet-stream');
  assert.equal(mimeFromPath('noext'), 'application/octet-stream');
});

test('one user message per attachment: text part then base64 binary part', async () => {
  const msgs = await attachmentMessages(
    [{ file_source: 'tiny.png' }, { file_source: 'doc.pdf', file_name: 'Spec', title: 'The spec' }],
    resolveInFixtures,
  );
  assert.deepEqual(msgs, [
    {
      role: 'user',
      content: [
        { type: 'text', text: "Here is file attachment.\nFile Path: 'tiny.png'\nFile Name: 'tiny.png'\n\n" },
        { type: 'binary', mime: 'image/png', base64: PNG_B64, name: 'tiny.png' },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'text', text: "Here is file attachment.\nFile Path: 'doc.pdf'\nFile Name: 'Spec'\n\nFile Title: The spec\n" },
        { type: 'binary', mime: 'application/pdf', base64: PDF_B64, name: 'Spec' },
      ],
    },
  ]);
  assert.equal(messageText(msgs[0]), "Here is file attachment.\nFile Path: 'tiny.png'\nFile Name: 'tiny.png'\n\n");
  assert.equal(messageSize(msgs[0]), 70 + PNG_B64.length);
});

test('resolution failure and read failure become error text messages; the rest go on', async () => {
  const msgs = await attachmentMessages(
    [{ file_source: '$nowhere/a.png' }, { file_source: 'missing.png' }, { file_source: 'notes.txt' }],
    resolveInFixtures,
  );
  assert.equal(msgs.length, 3);
  assert.deepEqual(msgs[0], {
    role: 'user',
    content: "Error while attaching file '$nowhere/a.png'\nCause: '$nowhere/a.png' requires a workspace",
  });
  const missing = join(FIXTURES, 'missing.png');
  assert.equal(msgs[1].role, 'user');
  assert.equal(
    msgs[1].content,
    `Error while attaching file '${missing}'\nCause: ENOENT: no such file or directory, open '${missing}'`,
  );
  assert.deepEqual((msgs[2].content as any[])[1], { type: 'binary', mime: 'text/plain', base64: 'cGxhaW4gbm90ZXMK', name: 'notes.txt' });
});

test('OpenAI form: images as image_url data URLs, other files as file parts', () => {
  const out = toOpenAiMessages(
    [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'see' },
          { type: 'binary', mime: 'image/png', base64: PNG_B64, name: 'tiny.png' },
          { type: 'binary', mime: 'application/pdf', base64: PDF_B64, name: 'doc.pdf' },
        ],
      },
    ],
    { cacheParts: false },
  );
  assert.deepEqual(out, [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'see' },
        { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_B64}` } },
        { type: 'file', file: { filename: 'doc.pdf', file_data: `data:application/pdf;base64,${PDF_B64}` } },
      ],
    },
  ]);
});

test('end to end: attachments go before the prompt parts in the request', async () => {
  const mock = await startMockOpenAI();
  try {
    const atts = await attachmentMessages([{ file_source: 'tiny.png' }, { file_source: 'doc.pdf' }], resolveInFixtures);
    const res = await execChat({
      model: 'gemini-3.5-flash',
      messages: [...atts, { role: 'system', content: 'Describe.' }, { role: 'user', content: 'What is it?' }],
      options: {},
      signal: new AbortController().signal,
      host: memHost(mockSecrets(mock.baseUrl)),
    });
    assert.equal(res.adapter_kind, 'Gemini');
    const sent = mock.chatRequests[0].body.messages;
    assert.equal(sent.length, 4);
    assert.deepEqual(sent[0].content[1], { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_B64}` } });
    assert.deepEqual(sent[1].content[1], {
      type: 'file',
      file: { filename: 'doc.pdf', file_data: `data:application/pdf;base64,${PDF_B64}` },
    });
    assert.deepEqual(sent[2], { role: 'system', content: 'Describe.' });
    assert.deepEqual(sent[3], { role: 'user', content: 'What is it?' });
    assert.equal(mock.chatRequests[0].headers.authorization, 'Bearer gm-test');
  } finally {
    await mock.close();
  }
});
