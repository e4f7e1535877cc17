// The playground is an ordinary client of the API: GET /languages with the key in X-API-Key, and
// runs over the WebSocket /ws/execute, whose first message carries the key because a browser
// cannot set headers on a WebSocket. The key lives in sessionStorage: this tab only, gone with it.
(function () {
  'use strict';

  const KEY_ITEM = 'code-runner.api-key';
  const LANGUAGE_ITEM = 'code-runner.language';
  const KNOWN = window.PLAYGROUND_LANGUAGES || {};

  const ui = {};
  for (const id of ['language', 'run', 'stop', 'change-key', 'stdin', 'stdin-eof', 'args', 'timeout', 'output', 'live-input',
    'live-stdin', 'stdin-close', 'result', 'key-dialog', 'key-form', 'key', 'key-cancel']) {
    ui[id.replace(/-(\w)/g, (_, c) => c.toUpperCase())] = document.getElementById(id);
  }

  const editor = CodeMirror.fromTextArea(document.getElementById('code'), {
    lineNumbers: true,
    indentUnit: 4,
    matchBrackets: true,
    autoCloseBrackets: true,
    extraKeys: { 'Ctrl-Enter': () => start(), 'Cmd-Enter': () => start() }
  });

  const display = PlaygroundDisplay(ui.output, ui.result);

  let languages = [];
  /** The run in progress: its socket and what it has shown so far; null when idle. */
  let current = null;

  // --- the key ---------------------------------------------------------------------------------

  function apiKey() {
    return sessionStorage.getItem(KEY_ITEM);
  }

  function askForKey() {
    ui.key.value = '';
    ui.keyDialog.showModal();
    ui.key.focus();
  }

  ui.keyForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = ui.key.value.trim();
    if (!key) {
      return;
    }
    sessionStorage.setItem(KEY_ITEM, key);
    ui.keyDialog.close();
    loadLanguages();
  });
  ui.keyCancel.addEventListener('click', () => ui.keyDialog.close());
  ui.keyDialog.addEventListener('close', () => {
    if (!apiKey()) {
      display.note('The playground needs an API key: "API key…" asks for it.');
    }
  });
  ui.changeKey.addEventListener('click', askForKey);

  // --- languages -------------------------------------------------------------------------------

  async function loadLanguages() {
    display.note('Loading languages…');
    let response;
    let body = null;
    try {
      response = await fetch(new URL('languages', document.baseURI), {
        headers: { 'X-API-Key': apiKey(), 'Accept': 'application/json' },
        cache: 'no-store'
      });
      body = await response.json().catch(() => null);
    } catch (failure) {
      display.problem({ detail: 'The service did not answer (' + failure.message + ')' });
      return;
    }
    if (!response.ok) {
      display.problem(body, response.status);
      return;
    }
    languages = body.languages;
    const wanted = ui.language.value || sessionStorage.getItem(LANGUAGE_ITEM) || 'python';
    ui.language.replaceChildren(...languages.map((language) =>
      new Option(language.name + ' ' + language.version, language.id)));
    ui.language.value = languages.some((language) => language.id === wanted) ? wanted : languages[0].id;
    switchTo(ui.language.value);
    display.note('Ready: ' + languages.length + ' languages on the ' + body.engine + ' engine.');
    idle();
  }

  function known(id) {
    if (KNOWN[id]) {
      return KNOWN[id];
    }
    const language = languages.find((candidate) => candidate.id === id);
    const alias = language && language.aliases.find((name) => KNOWN[name]);
    return alias ? KNOWN[alias] : { mode: null, sample: '' };
  }

  /** The language the editor is set up for. */
  let shown = null;

  /** Highlights for the new language, and gives it its sample unless the editor holds the user's own code. */
  function switchTo(id) {
    const code = editor.getValue();
    if (code.trim() === '' || (shown !== null && code === known(shown).sample)) {
      editor.setValue(known(id).sample);
    }
    editor.setOption('mode', known(id).mode);
    sessionStorage.setItem(LANGUAGE_ITEM, id);
    shown = id;
  }

  ui.language.addEventListener('change', () => switchTo(ui.language.value));

  // --- a run -----------------------------------------------------------------------------------

  function socketUrl() {
    const url = new URL('ws/execute', document.baseURI);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return url.href;
  }

  function request() {
    const body = { language: ui.language.value, code: editor.getValue(), api_key: apiKey() };
    if (ui.stdin.value !== '') {
      body.stdin = ui.stdin.value;
    }
    const args = ui.args.value.split('\n');
    while (args.length > 0 && args[args.length - 1] === '') {
      args.pop();
    }
    if (args.length > 0) {
      body.args = args;
    }
    if (ui.timeout.value !== '') {
      body.timeout = Number(ui.timeout.value);
    }
    return body;
  }

  function start() {
    if (current || !ui.language.value) {
      return;
    }
    if (!apiKey()) {
      askForKey();
      return;
    }
    ui.output.replaceChildren();
    const run = {
      socket: new WebSocket(socketUrl()),
      started: false,
      finished: false,
      stopping: false,
      stdinClosed: false,
      stage: null,
      stages: new Set(),
      streamed: {},
      streamedAny: false
    };
    current = run;
    const body = request();
    // The stdin box is the program's first input; unless asked to end it there, more may be typed.
    const endInput = body.stdin !== undefined && ui.stdinEof.checked;
    run.socket.addEventListener('open', () => {
      run.socket.send(JSON.stringify(body));
      if (endInput) {
        run.socket.send(JSON.stringify({ type: 'stdin_close' }));
        run.stdinClosed = true;
      }
    });
    run.socket.addEventListener('message', (event) => receive(run, event.data));
    run.socket.addEventListener('close', (event) => closed(run, event));
    busy();
    display.note('Connecting…');
  }

  function send(run, message) {
    if (run.socket.readyState === WebSocket.OPEN) {
      run.socket.send(JSON.stringify(message));
    }
  }

  function receive(run, data) {
    let message;
    try {
      message = JSON.parse(data);
    } catch (notJson) {
      return;
    }
    switch (message.type) {
      case 'started':
        run.started = true;
        busy();
        display.note('Running…');
        break;
      case 'stage':
        run.stage = message.stage;
        run.stages.add(message.stage);
        display.note(message.stage === 'compile' ? 'Compiling…' : 'Running…');
        break;
      case 'stdout':
      case 'stderr':
        display.write(message.data, message.type);
        run.streamedAny = true;
        if (run.stage) {
          run.streamed[run.stage] = true;
        }
        break;
      case 'result':
        run.finished = true;
        showUnstreamed(run, message);
        display.result(message);
        break;
      case 'error':
        run.finished = true;
        display.problem(message.problem);
        break;
      default:
        break;
    }
  }

  /**
   * Output the result carries but the stream did not show: a compile step's output, if the service
   * streams only the program's; everything, if it streamed nothing. A failed compile's output is
   * also repeated in the top-level fields, so it is never shown twice.
   */
  function showUnstreamed(run, answer) {
    const staged = run.stages.size > 0;
    const compileShown = staged ? Boolean(run.streamed.compile) : run.streamedAny;
    const runShown = staged ? Boolean(run.streamed.run) : run.streamedAny;
    const compileFailed = answer.compile && answer.compile.status !== 'OK';
    if (answer.compile && answer.compile.output && !compileShown) {
      display.write(answer.compile.output, 'compile', true);
    }
    if (!compileFailed && answer.output && !runShown) {
      display.write(answer.output, 'stdout');
    }
  }

  function closed(run, event) {
    if (current !== run) {
      return;
    }
    current = null;
    idle();
    if (!run.finished) {
      const why = event.code + (event.reason ? ': ' + event.reason : '');
      display.problem({ detail: run.stopping ? 'Stopped: the connection was closed (' + why + ')'
        : 'The connection closed before the run ended (' + why + ')' });
    }
  }

  /** SIGKILL once the run has started; before that, or asked twice, the socket is simply closed. */
  function stop() {
    const run = current;
    if (!run) {
      return;
    }
    if (run.started && !run.stopping && run.socket.readyState === WebSocket.OPEN) {
      run.stopping = true;
      send(run, { type: 'signal', signal: 'SIGKILL' });
      display.note('Stopping…');
    } else {
      run.stopping = true;
      run.socket.close(1000, 'stopped');
    }
  }

  ui.run.addEventListener('click', start);
  ui.stop.addEventListener('click', stop);

  ui.liveInput.addEventListener('submit', (event) => {
    event.preventDefault();
    const run = current;
    if (!run || !run.started || run.stdinClosed) {
      return;
    }
    const line = ui.liveStdin.value + '\n';
    send(run, { type: 'stdin', data: line });
    display.write(line, 'stdin');
    ui.liveStdin.value = '';
  });

  ui.stdinClose.addEventListener('click', () => {
    const run = current;
    if (!run || !run.started || run.stdinClosed) {
      return;
    }
    run.stdinClosed = true;
    send(run, { type: 'stdin_close' });
    busy();
  });

  // --- which controls work now ----------------------------------------------------------------

  function busy() {
    const run = current;
    const typing = Boolean(run && run.started && !run.stdinClosed);
    ui.run.disabled = true;
    ui.stop.disabled = false;
    ui.language.disabled = true;
    ui.liveStdin.disabled = !typing;
    ui.stdinClose.disabled = !typing;
  }

  function idle() {
    ui.run.disabled = languages.length === 0;
    ui.stop.disabled = true;
    ui.language.disabled = languages.length === 0;
    ui.liveStdin.disabled = true;
    ui.stdinClose.disabled = true;
  }

  // --- start -------------------------------------------------------------------------------------

  idle();
  if (apiKey()) {
    loadLanguages();
  } else {
    askForKey();
  }
})();
