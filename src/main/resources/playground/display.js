// The output pane and the result line. Everything a program or the service sends is shown as text
// (text nodes, textContent), never parsed as HTML: a program's output cannot script the page that
// holds the key.
window.PlaygroundDisplay = function (pane, resultLine) {
  'use strict';

  /** Appends text to the output pane, in a span per stretch of one kind; first puts it at the top. */
  function write(text, kind, first) {
    if (!text) {
      return;
    }
    const following = pane.scrollTop + pane.clientHeight >= pane.scrollHeight - 4;
    const last = first ? null : pane.lastElementChild;
    if (last && last.dataset.kind === kind) {
      last.firstChild.appendData(text);
    } else {
      const span = document.createElement('span');
      span.className = kind;
      span.dataset.kind = kind;
      span.appendChild(document.createTextNode(text));
      pane.insertBefore(span, first ? pane.firstChild : null);
    }
    if (following) {
      pane.scrollTop = pane.scrollHeight;
    }
  }

  function line(kind, parts) {
    resultLine.className = 'result ' + kind;
    resultLine.replaceChildren();
    parts.forEach(([name, text], index) => {
      if (index > 0) {
        resultLine.append(' · ');
      }
      const span = document.createElement('span');
      span.id = 'result-' + name;
      span.textContent = text;
      resultLine.append(span);
    });
  }

  function note(text) {
    line('note', [['note', text]]);
  }

  /** A refused request or a failed call: the problem's detail (RFC 9457), else its title. */
  function problem(body, status) {
    const text = (body && (body.detail || body.title)) || ('The service answered HTTP ' + status);
    line('error', [['error', text]]);
  }

  function result(answer) {
    const parts = [
      ['status', answer.status],
      ['exit', 'exit ' + answer.exit_code + (answer.signal ? ' (' + answer.signal + ')' : '')],
      ['time', seconds(answer.execution_time)],
      ['cpu', 'CPU ' + seconds(answer.cpu_time)],
      ['memory', 'memory ' + bytes(answer.memory)],
      ['start', answer.warm_start ? 'warm' : 'cold']
    ];
    if (answer.compile) {
      parts.push(['compile', 'compile ' + seconds(answer.compile.execution_time)]);
    }
    if (answer.truncated) {
      parts.push(['truncated', 'output truncated']);
    }
    if (answer.error) {
      parts.push(['error', answer.error]);
    }
    if (answer.reason) {
      parts.push(['reason', answer.reason]);
    }
    line(answer.success ? 'ok' : 'failed', parts);
  }

  function seconds(value) {
    return value === null || value === undefined ? '—' : value.toFixed(3) + ' s';
  }

  function bytes(value) {
    if (value === null || value === undefined) {
      return '—';
    }
    if (value < 1024 * 1024) {
      return (value / 1024).toFixed(1) + ' KiB';
    }
    return (value / (1024 * 1024)).toFixed(1) + ' MiB';
  }

  return { write, note, problem, result };
};
