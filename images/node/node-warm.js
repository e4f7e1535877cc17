// A warm sandbox's Node: `node -r /usr/lib/code-runner/node-warm.js main.js args` runs this after
// Node's start-up and before the entry file is even looked for. It writes the ready byte (ASCII
// ACK, consumed by the service), waits for the go line (read byte by byte from fd 0, so the
// program's process.stdin has consumed nothing), then removes its own traces (the -r in
// process.execArgv, its entry in require.cache) and lets Node load the entry file exactly as
// `node main.js args` would: the same module wrapper, require.main, process.argv and stack traces.
'use strict';
const fs = require('fs');
fs.writeSync(1, '\x06');
const byte = Buffer.alloc(1);
for (;;) {
  let read;
  try {
    read = fs.readSync(0, byte, 0, 1, null);
  } catch (error) {
    if (error.code === 'EAGAIN') continue;
    throw error;
  }
  if (read === 0) process.exit(125);
  if (byte[0] === 0x0a) break;
}
process.execArgv.splice(0, process.execArgv.length);
delete require.cache[__filename];
