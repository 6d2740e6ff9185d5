// The mock OpenAI server in a process of its own, as a real provider is: its work (parsing
// requests, writing streams) then runs beside the process under test instead of on its
// event loop. Started by the end-to-end bench: `node --import tsx bench/mock-process.ts
// <delayMs>` prints `READY <baseUrl>` and serves until its stdin closes.
import { startMockOpenAI } from '../test/support/mock-openai';

async function main() {
  const delayMs = Number(process.argv[2] ?? 0);
  const mock = await startMockOpenAI();
  mock.setDefaultReply({ text: 'ok', usage: { prompt_tokens: 12, completion_tokens: 2 }, delayMs });
  process.stdout.write(`READY ${mock.baseUrl}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void mock.close().then(() => process.exit(0)));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
