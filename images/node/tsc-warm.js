// A warm sandbox's TypeScript compiler: `node -r /usr/lib/code-runner/tsc-warm.js /usr/bin/tsc args`
// loads tsc's own compiler (lib/tsc.js, without its last statement, which would compile at once),
// compiles a small program with the same arguments to parse the standard library and Node's types
// and to warm the JIT, writes the ready byte, waits for the go line, then runs tsc's command line
// exactly as /usr/bin/tsc does and exits with its status. Parsed files of the read-only library
// directories are reused (as TypeScript's language service reuses them across programs); the
// program's own files are read and parsed fresh, so diagnostics, emitted JavaScript and exit
// statuses are tsc's. If lib/tsc.js does not end as expected, this waits and lets tsc run as usual.
// It sits beside node-warm.js, which does the waiting.
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const Module = require('module');

function loadCompiler() {
  const file = path.join(path.dirname(fs.realpathSync(process.argv[1])), '..', 'lib', 'tsc.js');
  const source = fs.readFileSync(file, 'utf8');
  const last = 'ts.executeCommandLine(ts.sys, ts.noop, ts.sys.args);';
  const at = source.lastIndexOf(last);
  if (at < 0 || source.slice(at + last.length).trim() !== '') return null;
  const wrapper = vm.compileFunction(source.slice(0, at) + 'return ts;\n',
    ['exports', 'require', 'module', '__filename', '__dirname'], { filename: file });
  const compilerModule = new Module(file, null);
  compilerModule.filename = file;
  compilerModule.paths = Module._nodeModulePaths(path.dirname(file));
  return wrapper.call(compilerModule.exports, compilerModule.exports, (id) => compilerModule.require(id),
    compilerModule, file, path.dirname(file));
}

function reuseLibraryFiles(ts) {
  const shared = ['/usr/share/nodejs/typescript/lib/', '/usr/share/nodejs/@types/'];
  const parsed = new Map();
  const createSourceFile = ts.createSourceFile;
  ts.createSourceFile = function (fileName, text, languageVersionOrOptions, setParentNodes, scriptKind) {
    if (!shared.some((dir) => fileName.startsWith(dir))) return createSourceFile.apply(this, arguments);
    const key = [fileName, JSON.stringify(languageVersionOrOptions), !!setParentNodes, scriptKind].join('\0');
    const known = parsed.get(key);
    if (known && known.text === text) return known;
    const file = createSourceFile.apply(this, arguments);
    parsed.set(key, file);
    return file;
  };
}

function compileAhead(ts) {
  const { options } = ts.parseCommandLine(ts.sys.args);
  const name = path.join(process.cwd(), '__code_runner_warm__.ts');
  const text = 'const greeting: string = "warm";\nconsole.log([1, 2].map((n) => n * 2), greeting.length);\n'
    + 'class Box<T> { constructor(public value: T) {} }\nasync function later(): Promise<number> { return new Box(1).value; }\n'
    + 'later().then((n) => process.stdout.write(String(n)));\n';
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (file, ...rest) => file === name ? ts.createSourceFile(file, text, ...rest) : getSourceFile(file, ...rest);
  const fileExists = host.fileExists;
  host.fileExists = (file) => file === name || fileExists(file);
  host.writeFile = () => {};
  const program = ts.createProgram([name], options, host);
  ts.getPreEmitDiagnostics(program);
  program.emit();
}

const ts = loadCompiler();
if (ts) {
  reuseLibraryFiles(ts);
  compileAhead(ts);
}
// The ready byte, the go line, and the -r removed from process.execArgv: node-warm.js's, as for
// any warm Node.
require('./node-warm.js');
if (ts) {
  ts.executeCommandLine(ts.sys, ts.noop, ts.sys.args);
  process.exit();
}
delete require.cache[__filename];
