// The npm Piston clients, unchanged, pointed at the service: PISTON_URL is its base URL. Exits
// non-zero, naming the failed check, if any answer is not what Piston would have given.
import assert from 'node:assert/strict';
import piston from 'piston-client';
import { PistonClient } from 'piston-api-client';

const server = process.env.PISTON_URL;
assert.ok(server, 'PISTON_URL must name the service');

const checks = [];
const check = (name, body) => checks.push({ name, body });

// --- piston-client 1.0.2: JSON labelled text/plain, memory limits -1, default args ["1","2","3"]
const client = piston({ server });

check('piston-client lists runtimes', async () => {
  const runtimes = await client.runtimes();
  assert.ok(Array.isArray(runtimes), `runtimes is not an array: ${JSON.stringify(runtimes)}`);
  for (const language of ['python', 'javascript', 'typescript', 'java', 'c', 'c++', 'go', 'rust', 'ruby', 'bash']) {
    const runtime = runtimes.find(r => r.language === language);
    assert.ok(runtime, `no runtime ${language}`);
    assert.match(runtime.version, /^\d+\.\d+/);
    assert.ok(Array.isArray(runtime.aliases));
  }
});

const hellos = {
  python: 'print("Hello, World!")',
  javascript: 'console.log("Hello, World!")',
  ruby: 'puts "Hello, World!"',
  bash: 'echo "Hello, World!"',
  c: '#include <stdio.h>\nint main(void) { puts("Hello, World!"); return 0; }',
  'c++': '#include <iostream>\nint main() { std::cout << "Hello, World!" << std::endl; }',
};
for (const [language, code] of Object.entries(hellos)) {
  check(`piston-client runs hello world in ${language}`, async () => {
    const result = await client.execute(language, code);
    assert.equal(result.run?.stdout, 'Hello, World!\n', JSON.stringify(result));
    assert.equal(result.run.code, 0);
    assert.equal(result.run.signal, null);
    assert.equal(result.language, language);
    assert.match(result.version, /^\d+\.\d+/);
    if (language === 'c' || language === 'c++') {
      assert.equal(result.compile?.code, 0, JSON.stringify(result));
    } else {
      assert.equal(result.compile, undefined);
    }
  });
}

check('piston-client passes its default args', async () => {
  const result = await client.execute('python', 'import sys\nprint(sys.argv[1:])');
  assert.equal(result.run.stdout, "['1', '2', '3']\n", JSON.stringify(result));
});

check('piston-client reports a runtime error', async () => {
  const result = await client.execute('python', 'print("before")\nraise ValueError("boom")');
  assert.equal(result.run.code, 1, JSON.stringify(result));
  assert.equal(result.run.status, 'RE');
  assert.equal(result.run.stdout, 'before\n');
  assert.match(result.run.stderr, /ValueError: boom/);
});

check('piston-client passes stdin and args', async () => {
  const result = await client.execute('python', 'import sys\nprint(sys.argv[1:], sys.stdin.read().split())',
    { stdin: 'alpha beta', args: ['x', 'y z'] });
  assert.equal(result.run.stdout, "['x', 'y z'] ['alpha', 'beta']\n", JSON.stringify(result));
});

check('piston-client gets a compile error back as the run', async () => {
  const result = await client.execute('c', 'int main(void) { return undefined_name; }');
  assert.notEqual(result.compile.code, 0, JSON.stringify(result));
  assert.match(result.compile.stderr, /undefined_name/);
  assert.equal(result.run.code, result.compile.code);
});

check('piston-client hears of an unknown language', async () => {
  const result = await client.execute('cobol', 'DISPLAY "hi"');
  assert.match(result.message, /runtime is unknown/, JSON.stringify(result));
});

// --- piston-api-client 2.0.1: JSON, version selectors, aliases
const typed = new PistonClient({ server });

check('piston-api-client lists runtimes', async () => {
  const runtimes = await typed.runtimes();
  assert.equal(runtimes.success, true, JSON.stringify(runtimes));
  assert.ok(runtimes.data.some(r => r.language === 'python'));
});

check('piston-api-client runs by alias with a version selector', async () => {
  const result = await typed.execute({
    language: 'node-js', version: '*', files: [{ content: 'console.log(process.argv.slice(2))' }], args: ['Hello', 'World'],
  });
  assert.equal(result.success, true, JSON.stringify(result));
  assert.equal(result.data.run.stdout, "[ 'Hello', 'World' ]\n", JSON.stringify(result.data));
  assert.equal(result.data.language, 'javascript');
});

check('piston-api-client runs named and encoded files', async () => {
  const helper = Buffer.from('def greet(name):\n    return "hi " + name\n').toString('base64');
  const result = await typed.execute({
    language: 'python', version: '3.x',
    files: [{ name: 'app.py', content: 'from helper import greet\nprint(greet("piston"))' },
            { name: 'helper.py', content: helper, encoding: 'base64' }],
  });
  assert.equal(result.data.run?.stdout, 'hi piston\n', JSON.stringify(result.data));
});

check('piston-api-client times out a loop', async () => {
  const result = await typed.execute({
    language: 'python', version: '*', files: [{ content: 'while True: pass' }], run_timeout: 1000,
  });
  assert.equal(result.data.run?.status, 'TO', JSON.stringify(result.data));
  assert.equal(result.data.run.signal, 'SIGKILL');
  assert.equal(result.data.run.code, null);
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
console.log(`${checks.length - failed} of ${checks.length} checks passed`);
process.exit(failed === 0 ? 0 : 1);
