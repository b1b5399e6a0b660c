// The RocketCamel operations console: reads the JSON under api/ and keeps the tables current. Rows are kept by key
// and a cell is rewritten only when its content changed, so a button stays the same element while the page refreshes.
'use strict';

const state = { refreshMillis: 2000, timer: null, openGroup: null, queuesGroup: null, tick: 0 };

const $ = (id) => document.getElementById(id);

function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function num(value) {
  return value === undefined || value === null ? '' : Number(value).toLocaleString('en');
}

function rate(value) {
  return value ? Number(value).toFixed(value < 10 ? 2 : 0) : '0';
}

function bytes(value) {
  if (value === undefined || value === null) {
    return '';
  }
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let size = Number(value);
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  return (unit === 0 ? size : size.toFixed(1)) + ' ' + units[unit];
}

/** Camel prints option values URL-encoded (direct%3Acreate-order); shown decoded, still escaped. */
function uri(value) {
  try {
    return esc(decodeURIComponent(value));
  } catch (e) {
    return esc(value);
  }
}

function time(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

async function api(path, options) {
  const response = await fetch('api/' + path, options);
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.error || response.statusText);
  }
  return body;
}

/** Puts rows (each {key, cells: [html...], className}) into tbody, reusing the row of each key. */
function render(tbody, rows, emptyText, columns) {
  const numeric = [...tbody.parentElement.tHead.rows[0].cells].map((th) => th.classList.contains('n'));
  const seen = new Set();
  rows.forEach((row, index) => {
    seen.add(row.key);
    let tr = [...tbody.rows].find((r) => r.dataset.key === row.key);
    if (!tr) {
      tr = document.createElement('tr');
      tr.dataset.key = row.key;
    }
    if (tbody.rows[index] !== tr) {
      tbody.insertBefore(tr, tbody.rows[index] || null);
    }
    tr.className = row.className || '';
    row.cells.forEach((html, i) => {
      let td = tr.cells[i];
      if (!td) {
        td = tr.insertCell();
        td.className = numeric[i] ? 'n' : '';
      }
      if (td.dataset.html !== html) {
        td.innerHTML = html;
        td.dataset.html = html;
      }
    });
  });
  [...tbody.rows].filter((tr) => !seen.has(tr.dataset.key)).forEach((tr) => tr.remove());
  if (rows.length === 0) {
    const tr = tbody.insertRow();
    tr.dataset.key = '';
    tr.className = 'empty';
    const td = tr.insertCell();
    td.colSpan = columns;
    td.textContent = emptyText;
  }
}

function failureCell(value) {
  return value > 0 ? `<span class="bad">${num(value)}</span>` : num(value);
}

function stateCell(value) {
  return `<span class="state ${esc(value).toLowerCase()}">${esc(value)}</span>`;
}

async function refreshOverview() {
  const overview = await api('overview');
  state.refreshMillis = overview.refreshMillis;
  $('application').textContent = overview.application;
  $('clusters').innerHTML = overview.clusters.map((c) => `<span class="cluster">${esc(c.namesrvAddr)}`
    + `${c.embedded ? ' · embedded broker' : ''}${c.namespace ? ' · namespace ' + esc(c.namespace) : ''}`
    + ` · ACL ${c.acl ? 'on' : 'off'}</span>`).join(' ');
  render($('consumers'), overview.consumers.map((c) => ({
    key: c.routeId,
    cells: [esc(c.routeId), esc(c.topic), esc(c.consumerGroup),
      esc(`${c.messageModel} · ${c.consumeMode}${c.consumeBatchSize > 1 ? ' · batch ' + c.consumeBatchSize : ''}`),
      esc(c.filter), stateCell(c.state), rate(c.perSecond), num(c.messages), failureCell(c.recentFailures),
      num(c.failures)]
  })), 'No route consumes from rocketmq.', 10);
  render($('producers'), overview.producers.map((p) => ({
    key: p.uri,
    cells: [`<code>${uri(p.uri)}</code>`, esc(p.topic), esc(p.producerGroup),
      esc(`${p.sendMode}${p.batchSize > 1 ? ' · batch ' + p.batchSize : ''}${p.transactional ? ' · transactional' : ''}`),
      stateCell(p.state), rate(p.perSecond), num(p.messages), failureCell(p.recentFailures), num(p.failures)]
  })), 'No rocketmq producer endpoint yet.', 9);
}

async function refreshGroups() {
  const answer = await api('groups');
  render($('groups'), answer.groups.map((g) => ({
    key: g.consumerGroup + '@' + g.topic,
    className: g.error ? 'error' : '',
    cells: [`<a href="#" class="group" data-group="${esc(g.consumerGroup)}" data-topic="${esc(g.topic)}">${esc(g.consumerGroup)}</a>`,
      esc(g.topic),
      g.error ? `<span class="bad" title="${esc(g.error)}">unknown</span>` : atLeast(g, `<span class="lag${g.lag > 0 ? ' behind' : ''}">${num(g.lag)}</span>`),
      esc(g.retryTopic), atLeast(g, num(g.retryLag)), esc(g.deadLetterTopic),
      atLeast(g, g.deadLetters > 0 ? `<span class="bad dead-letter-count">${num(g.deadLetters)}</span>` : `<span class="dead-letter-count">${num(g.deadLetters)}</span>`),
      esc((g.routes || []).join(', ')),
      g.deadLetters > 0 ? `<button type="button" class="show-dead-letters" data-group="${esc(g.consumerGroup)}">Dead letters</button>` : '']
  })), 'No clustering consumer group.', 9);
  $('broadcast-panel').hidden = answer.broadcast.length === 0;
  render($('broadcast'), answer.broadcast.map((g) => ({
    key: g.consumerGroup + '@' + g.topic,
    cells: [esc(g.consumerGroup), esc(g.topic), esc(g.routes.join(', ')), `<span class="hint">${esc(g.note)}</span>`]
  })), '', 4);
  if (state.queuesGroup) {
    const group = answer.groups.find((g) => g.consumerGroup + '@' + g.topic === state.queuesGroup);
    render($('queues'), (group && group.queues ? group.queues : []).map((q) => ({
      key: `${q.topic}/${q.brokerName}/${q.queueId}`,
      cells: [esc(q.topic), esc(q.brokerName), num(q.queueId), num(q.brokerOffset), num(q.consumerOffset),
        `<span class="lag${q.lag > 0 ? ' behind' : ''}">${num(q.lag)}</span>`]
    })), 'No queue offsets yet.', 6);
  }
}

async function showDeadLetters(group) {
  state.openGroup = group;
  $('dead-letters-panel').hidden = false;
  $('dead-letters-group').textContent = group;
  const page = await api('groups/' + encodeURIComponent(group) + '/dead-letters');
  $('dead-letters-size').textContent = `${num(page.size)} in ${page.topic}, newest ${page.messages.length} shown`
    + unanswered(page.unanswered, 'a letter whose copy they may hold is shown not re-sent, and its re-send is refused');
  render($('dead-letters'), page.messages.map((letter) => {
    const m = letter.message;
    const resent = letter.resent;
    return {
      key: m.offsetMessageId,
      className: resent ? 'resent' : '',
      cells: [`<code title="message id ${esc(m.messageId)}">${esc(m.offsetMessageId)}</code>`, esc(m.originalTopic),
        esc(m.keys), esc(m.tags), num(m.reconsumeTimes), esc(time(m.storeTime)), `<pre>${esc(m.bodyPreview)}</pre>`,
        resent ? `to ${esc(resent.topic)} as <code>${esc(resent.messageId)}</code> at ${esc(time(resent.at))}` : '',
        // a second re-send of one dead letter is refused (the route would get it again)
        resent ? '' : `<button type="button" class="resend" data-id="${esc(m.offsetMessageId)}">Re-send</button>`]
    };
  }), 'No dead letters.', 9);
}

function confirmed(text) {
  return new Promise((resolve) => {
    const dialog = $('confirm');
    $('confirm-text').textContent = text;
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'), { once: true });
    dialog.showModal();
  });
}

async function resend(ids) {
  const group = state.openGroup;
  // "all" means the rows shown that were not re-sent yet: asking the server for "all" would re-send its newest ones,
  // which may no longer be those the operator saw
  const chosen = ids || [...document.querySelectorAll('#dead-letters button.resend')].map((b) => b.dataset.id);
  if (!chosen.length) {
    $('resend-result').textContent = 'nothing shown to re-send';
    return;
  }
  const what = ids ? `dead letter ${ids[0]}` : `the ${chosen.length} dead letter(s) shown that were not re-sent yet`;
  if (!await confirmed(`Re-send ${what} of group ${group} to the topic it was consumed from?`)) {
    return;
  }
  try {
    const outcome = await api('groups/' + encodeURIComponent(group) + '/dead-letters/resend', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ messageIds: chosen })
    });
    const failed = Object.entries(outcome.failed);
    $('resend-result').textContent = `re-sent ${Object.keys(outcome.resent).length}`
      + (failed.length ? `, failed ${failed.length}: ${failed.map(([id, why]) => id + ': ' + why).join('; ')}` : '');
    await showDeadLetters(group);
  } catch (e) {
    $('resend-result').textContent = 'Re-send failed: ' + e.message;
  }
}

/** A group's count, which leaves out the queues of brokers that did not answer: shown as a lower bound naming them. */
function atLeast(group, count) {
  const entries = Object.entries(group.unanswered || {});
  return entries.length ? `<span class="bad partial" title="${esc(unanswered(group.unanswered, 'their queues are not counted').slice(2))}">&ge; ${count}</span>`
    : count;
}

/** Brokers that did not answer a page's reads (groups, dead letters, index look-ups), by name: why; "" when all did. */
function unanswered(brokers, meaning) {
  const entries = Object.entries(brokers || {});
  return entries.length ? `; not answered by ${entries.map(([name, why]) => `${name} (${why})`).join(', ')}: ${meaning}`
    : '';
}

async function lookup(event) {
  event.preventDefault();
  const by = $('lookup-by').value;
  const params = new URLSearchParams({ [by]: $('lookup-value').value.trim() });
  if ($('lookup-topic').value.trim()) {
    params.set('topic', $('lookup-topic').value.trim());
  }
  $('lookup-status').textContent = 'searching…';
  try {
    const answer = await api('messages?' + params);
    $('lookup-status').textContent = `${answer.messages.length} found in ${answer.topics.join(', ') || 'no topic'}`
      + unanswered(answer.unanswered, 'they may hold more');
    render($('lookup-results'), answer.messages.map((m) => ({
      key: m.offsetMessageId,
      cells: [`<code>${esc(m.messageId)}</code>`, esc(m.topic), num(m.queueId), num(m.queueOffset), esc(time(m.storeTime)),
        esc(m.keys), esc(m.tags),
        Object.entries(m.properties).map(([k, v]) => `<div><b>${esc(k)}</b> ${esc(v)}</div>`).join(''),
        `<pre>${esc(m.bodyPreview)}</pre>`]
    })), 'No message found.', 9);
  } catch (e) {
    $('lookup-status').textContent = e.message;
  }
}

async function refreshTransactions() {
  const answer = await api('transactions');
  render($('transactions'), answer.producers.map((p) => ({
    key: p.uri,
    cells: [`<code>${uri(p.uri)}</code>`, esc(p.topic), esc(p.producerGroup), num(p.messages), failureCell(p.recentFailures),
      num(p.checkBacks.COMMIT), num(p.checkBacks.ROLLBACK), failureCell(p.checkBacks.UNKNOWN),
      num(p.checkBacks.STORED_ALREADY), num(p.checkBacks.WAITING), failureCell(p.checkBacks.DROPPED)]
  })), 'No transactional producer.', 11);
  const rows = [];
  answer.clusters.forEach((cluster) => {
    if (cluster.error) {
      rows.push({ key: cluster.namesrvAddr, className: 'error', cells: [esc(cluster.namesrvAddr), '', '', '', '', esc(cluster.error)] });
      return;
    }
    cluster.halfMessages.forEach((b) => rows.push({
      key: cluster.namesrvAddr + '/' + b.brokerName,
      className: b.error ? 'error' : '',
      cells: [esc(cluster.namesrvAddr), esc(b.brokerName),
        b.error ? '' : `<span class="half-waiting${b.waiting > 0 ? ' behind' : ''}">${b.exact ? '' : '≤ '}${num(b.waiting)}</span>`,
        num(b.unchecked), num(b.stored), esc(b.error || '')]
    }));
  });
  render($('half-messages'), rows, 'No broker.', 6);
}

async function refreshBroker() {
  const answer = await api('broker');
  const rows = [];
  answer.clusters.forEach((cluster) => {
    if (cluster.error) {
      rows.push({ key: cluster.namesrvAddr, className: 'error', cells: [esc(cluster.namesrvAddr), esc(cluster.error)] });
      return;
    }
    cluster.brokers.forEach((b) => {
      const f = b.figures;
      const written = f.commitLogMaxOffset === undefined ? '' : bytes(f.commitLogMaxOffset - f.commitLogMinOffset);
      rows.push({
        key: cluster.namesrvAddr + '/' + b.brokerName,
        className: b.error ? 'error' : '',
        cells: [esc(cluster.namesrvAddr), esc(b.brokerName), esc(b.address), esc(b.error || f.brokerVersionDesc), written,
          f.commitLogDiskRatio === undefined ? '' : (Number(f.commitLogDiskRatio) * 100).toFixed(1) + ' %',
          esc(f.putTps), num(f.msgPutTotalTodayNow), num(f.msgGetTotalTodayNow)]
      });
    });
  });
  render($('brokers'), rows, 'No broker.', 9);
  const store = answer.embedded;
  $('store-panel').hidden = !store;
  if (store && !store.error) {
    $('store-dir').textContent = store.storeDir;
    render($('store'), store.brokers.map((s) => ({
      key: s.brokerName,
      cells: [esc(s.brokerName), num(s.commitLog.count), bytes(s.commitLog.bytes), num(s.topics), num(s.consumeQueues),
        bytes(s.consumeQueueBytes), num(s.index.count), bytes(s.storeBytes)]
    })), '', 8);
    $('disk').textContent = `File system: ${bytes(store.diskTotal - store.diskUsable)} used of ${bytes(store.diskTotal)}`
      + ` (${bytes(store.diskUsable)} free). Files are created at full size; "Commit log written" above is what holds messages.`;
  }
}

async function refresh() {
  const sections = [refreshOverview(), refreshGroups(), refreshTransactions()];
  // the store is walked on disk: every fifth refresh is often enough
  if (state.tick++ % 5 === 0) {
    sections.push(refreshBroker());
  }
  const results = await Promise.allSettled(sections);
  const failed = results.filter((r) => r.status === 'rejected').map((r) => r.reason.message);
  $('refreshed').textContent = failed.length ? 'refresh failed: ' + failed.join('; ')
    : 'refreshed ' + new Date().toLocaleTimeString();
  schedule();
}

function schedule() {
  clearTimeout(state.timer);
  if ($('live').checked) {
    state.timer = setTimeout(refresh, state.refreshMillis);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('live').addEventListener('change', schedule);
  $('lookup').addEventListener('submit', lookup);
  $('resend-all').addEventListener('click', () => resend(null));
  $('dead-letters-close').addEventListener('click', () => {
    state.openGroup = null;
    $('dead-letters-panel').hidden = true;
  });
  $('groups').addEventListener('click', (event) => {
    const button = event.target.closest('button.show-dead-letters');
    if (button) {
      showDeadLetters(button.dataset.group).catch((e) => { $('dead-letters-size').textContent = e.message; });
      return;
    }
    const link = event.target.closest('a.group');
    if (link) {
      event.preventDefault();
      state.queuesGroup = link.dataset.group + '@' + link.dataset.topic;
      $('queues-group').textContent = `${link.dataset.group} on ${link.dataset.topic}`;
      $('queues-panel').hidden = false;
      refreshGroups().catch((e) => { $('refreshed').textContent = 'refresh failed: ' + e.message; });
    }
  });
  $('dead-letters').addEventListener('click', (event) => {
    const button = event.target.closest('button.resend');
    if (button) {
      resend([button.dataset.id]);
    }
  });
  refresh();
});
