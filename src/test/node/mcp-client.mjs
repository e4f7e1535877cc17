// The official MCP TypeScript SDK's client, over Streamable HTTP, against the service's /mcp:
// MCP_URL is the endpoint, MCP_KEY a key, MCP_SOLO_KEY a key allowed one run at a time. Exits
// non-zero, naming the failed check, if any answer is not what an agent should get.
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const url = new URL(process.env.MCP_URL);
const key = process.env.MCP_KEY;
const soloKey = process.env.MCP_SOLO_KEY;
assert.ok(key && soloKey, 'MCP_KEY and MCP_SOLO_KEY must name keys');

const connect = async (headers) => {
  const client = new Client({ name: 'code-runner-it', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers } }));
  return client;
};
const text = (result) => result.content.filter(c => c.type === 'text').map(c => c.text).join('\n');
const show = (result) => JSON.stringify(result).slice(0, 2000);

const client = await connect({ Authorization: `Bearer ${key}` });
const call = (name, args, on = client) => on.callTool({ name, arguments: args });

const checks = [];
const check = (name, body) => checks.push({ name, body });

check('a connection without a key is refused with 401', async () => {
  await assert.rejects(connect({}), error => {
    assert.ok(error instanceof StreamableHTTPError, String(error));
    assert.equal(error.code, 401, error.message);
    assert.match(error.message, /send your API key/);
    return true;
  });
});

check('a connection with a wrong key is refused with 401', async () => {
  await assert.rejects(connect({ Authorization: 'Bearer not-a-key' }), error => {
    assert.equal(error.code, 401, error.message);
    assert.match(error.message, /the API key is not valid/);
    return true;
  });
});

check('the server names itself and offers tools', async () => {
  assert.equal(client.getServerVersion()?.name, 'code-runner');
  assert.ok(client.getServerCapabilities()?.tools, JSON.stringify(client.getServerCapabilities()));
  assert.match(client.getInstructions() ?? '', /no network access/);
});

check('tools are listed with input schemas and descriptions written for a model', async () => {
  const { tools } = await client.listTools();
  const byName = Object.fromEntries(tools.map(tool => [tool.name, tool]));
  assert.deepEqual(Object.keys(byName).sort(), ['list_languages', 'run_code', 'run_tests']);
  for (const tool of tools) {
    assert.equal(tool.inputSchema.type, 'object', tool.name);
    assert.equal(tool.outputSchema?.type, 'object', tool.name);
    assert.ok(tool.description.length > 50, tool.name);
  }
  const runCode = byName.run_code;
  assert.deepEqual(runCode.inputSchema.required, ['language', 'code']);
  for (const property of ['language', 'code', 'stdin', 'files', 'timeout']) {
    assert.ok(runCode.inputSchema.properties[property], `run_code has no ${property}`);
  }
  // The service under test is configured with a 30 s ceiling, a 64 KB output cap and 256 MB.
  assert.match(runCode.description, /NO network access/);
  assert.match(runCode.description, /fresh, isolated sandbox/);
  assert.match(runCode.description, /nothing persists between calls/);
  assert.match(runCode.description, /10 s by default, at most 30 s/);
  assert.match(runCode.description, /at most 64 KB/);
  assert.match(runCode.description, /memory 256 MB/);
  assert.match(runCode.description, /python \(aliases py, python3; code saved as main\.py\)/);
  assert.match(runCode.inputSchema.properties.timeout.description, /at most 30/);
  assert.deepEqual(byName.run_tests.inputSchema.required, ['language', 'code', 'tests']);
  assert.deepEqual(byName.run_tests.inputSchema.properties.tests.items.required, ['expected_output']);
  assert.match(byName.run_tests.description, /NO network access/);
  assert.equal(runCode.annotations?.openWorldHint, false);
});

check('list_languages answers as GET /languages does', async () => {
  // A runtime's version turns from the declared one to the one it reports once probed: read
  // /languages before and after, and the tool's answer must be one of the two.
  const languages = async () => (await (await fetch(new URL('/languages', url), { headers: { 'X-API-Key': key } })).json())
    .languages.map(({ id, name, version, version_verified, aliases, compiled }) => ({ id, name, version, version_verified, aliases, compiled }));
  const before = await languages();
  const result = await call('list_languages', {});
  const after = await languages();
  assert.notEqual(result.isError, true, show(result));
  const listed = result.structuredContent.languages;
  assert.ok([JSON.stringify(before), JSON.stringify(after)].includes(JSON.stringify(listed)), show(result));
  const python = listed.find(language => language.id === 'python');
  assert.match(python.version, /^3\.\d+/);
  assert.deepEqual(python.aliases, ['py', 'python3']);
  assert.equal(python.compiled, false);
  assert.equal(listed.find(language => language.id === 'c')?.compiled, true);
  assert.ok(text(result).includes(`python: Python ${python.version} (aliases py, python3)`), text(result));
});

check('run_code runs Python hello world', async () => {
  const result = await call('run_code', { language: 'python', code: 'print("Hello World")' });
  assert.equal(result.isError, false, show(result));
  const run = result.structuredContent;
  assert.equal(run.status, 'OK', show(result));
  assert.equal(run.success, true);
  assert.equal(run.stdout, 'Hello World\n');
  assert.equal(run.stderr, '');
  assert.equal(run.exit_code, 0);
  assert.equal(run.language, 'python');
  assert.ok(run.execution_time > 0);
  assert.match(run.execution_id, /^[0-9a-f-]{36}$/);
  assert.match(text(result), /^status OK, exit code 0, \d+\.\d{3} s/);
  assert.match(text(result), /--- stdout ---\nHello World\n/);
});

check('run_code passes stdin and files, and takes an alias in any case', async () => {
  const result = await call('run_code', {
    language: 'Py', code: 'import sys, helper\nprint(helper.greet(sys.stdin.read().strip()))',
    stdin: 'agent', files: [{ name: 'helper.py', content: 'def greet(name):\n    return "hi " + name\n' }],
  });
  assert.equal(result.structuredContent?.stdout, 'hi agent\n', show(result));
});

check('a C compile error is a result with the compiler message', async () => {
  const result = await call('run_code', { language: 'c', code: 'int main(void) { return undeclared_name; }' });
  assert.equal(result.isError, false, show(result));
  const run = result.structuredContent;
  assert.equal(run.status, 'COMPILE_ERROR', show(result));
  assert.equal(run.success, false);
  assert.notEqual(run.exit_code, 0);
  assert.match(run.stderr, /undeclared_name/);
  assert.match(text(result), /^status COMPILE_ERROR/);
  assert.match(text(result), /did not compile[\s\S]*error: .undeclared_name. undeclared/);
});

check('a runtime error keeps its output and traceback', async () => {
  const result = await call('run_code', { language: 'python', code: 'print("before")\nraise ValueError("boom")' });
  assert.equal(result.isError, false, show(result));
  assert.equal(result.structuredContent.status, 'RUNTIME_ERROR');
  assert.equal(result.structuredContent.exit_code, 1);
  assert.equal(result.structuredContent.stdout, 'before\n');
  assert.match(text(result), /--- stderr ---\n[\s\S]*ValueError: boom/);
});

check('a loop is stopped at its timeout', async () => {
  const started = Date.now();
  const result = await call('run_code', { language: 'python', code: 'while True: pass', timeout: 1 });
  assert.equal(result.isError, false, show(result));
  assert.equal(result.structuredContent.status, 'TIMEOUT', show(result));
  assert.equal(result.structuredContent.signal, 'SIGKILL');
  assert.ok(Date.now() - started < 15000, `took ${Date.now() - started} ms`);
  assert.match(text(result), /^status TIMEOUT, exit code 137 \(SIGKILL\)/);
  assert.match(text(result), /ran out of time/);
});

check('a flood of output is cut in the text but whole in the structured result', async () => {
  const result = await call('run_code', { language: 'python', code: 'print("a" * 20000 + "THE END")' });
  assert.equal(result.structuredContent.stdout.length, 20008, show(result));
  assert.ok(text(result).length < 5000, `text of ${text(result).length} characters`);
  assert.match(text(result), /characters left out/);
  assert.match(text(result), /THE END\n$/);
});

check('an unknown language is a tool error naming the languages', async () => {
  const result = await call('run_code', { language: 'cobol', code: 'DISPLAY "hi"' });
  assert.equal(result.isError, true, show(result));
  assert.equal(result.structuredContent, undefined);
  assert.match(text(result), /unknown language 'cobol'; known languages: .*python/);
});

check('a timeout over the ceiling is a tool error, not clamped', async () => {
  const result = await call('run_code', { language: 'python', code: 'print(1)', timeout: 31 });
  assert.equal(result.isError, true, show(result));
  assert.match(text(result), /timeout must be between 0\.001 and 30 seconds/);
});

check('an argument the tool does not have is a tool error', async () => {
  const result = await call('run_code', { language: 'python', code: 'print(1)', args: ['x'] });
  assert.equal(result.isError, true, show(result));
  assert.match(text(result), /args/);
});

check('run_tests gives a verdict per case', async () => {
  const result = await call('run_tests', {
    language: 'python', code: 'print(sum(map(int, input().split())))',
    tests: [{ name: 'small', stdin: '1 2', expected_output: '3' }, { stdin: '2 2', expected_output: '5' },
            { stdin: '40 2', expected_output: '42\n' }],
  });
  assert.equal(result.isError, false, show(result));
  const run = result.structuredContent;
  assert.equal(run.verdict, 'WRONG_ANSWER', show(result));
  assert.equal(run.passed, 2);
  assert.equal(run.total, 3);
  assert.deepEqual(run.tests.map(test => [test.name, test.verdict]),
    [['small', 'ACCEPTED'], ['test 2', 'WRONG_ANSWER'], ['test 3', 'ACCEPTED']]);
  assert.equal(run.tests[1].stdout, '4\n');
  assert.match(text(result), /^WRONG_ANSWER: 2 of 3 test cases passed/);
  assert.match(text(result), /- test 2: WRONG_ANSWER[^\n]*\n {2}expected: "5"\n {2}stdout: "4\\n"/);
});

check('run_tests reports a compile error once, for every case', async () => {
  const result = await call('run_tests', {
    language: 'c', code: 'int main(void) { return oops; }', tests: [{ expected_output: '' }, { expected_output: '' }],
  });
  assert.equal(result.structuredContent?.verdict, 'COMPILE_ERROR', show(result));
  assert.deepEqual(result.structuredContent.tests.map(test => test.verdict), ['COMPILE_ERROR', 'COMPILE_ERROR']);
  assert.match(text(result), /did not compile, so no case ran[\s\S]*oops/);
});

check("a key's concurrent runs are held to its quota", async () => {
  const solo = await connect({ Authorization: `Bearer ${soloKey}` });
  const long = call('run_code', { language: 'python', code: 'import time\ntime.sleep(4)\nprint("done")' }, solo);
  await new Promise(resolve => setTimeout(resolve, 1500));
  const refused = await call('run_code', { language: 'python', code: 'print(1)' }, solo);
  assert.equal(refused.isError, true, show(refused));
  assert.match(text(refused), /already has 1 runs executing or queued/);
  assert.equal((await long).structuredContent?.stdout, 'done\n');
  const after = await call('run_code', { language: 'python', code: 'print(2)' }, solo);
  assert.equal(after.structuredContent?.stdout, '2\n', show(after));
  await solo.close();
});

let failed = 0;
for (const { name, body } of checks) {
  try {
    await body();
    console.log(`ok ${name}`);
  } catch (error) {
    failed++;
    console.log(`FAILED ${name}: ${error.message}`);
  }
}
await client.close();
console.log(`${checks.length - failed} of ${checks.length} checks passed`);
process.exit(failed === 0 ? 0 : 1);
