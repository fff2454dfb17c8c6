// The dashboard's figures from one `campaign` view: agents by state (and each agent with time in
// state), calls by stage, lines per agent, abandonment against the cap, connect delay, contact
// rates, promises, compliance blocks.

import {byId, el, fill, setText} from './dom.js';
import {formatDuration, formatMoney, formatPercent} from './format.js';
import {millisSince} from './server-clock.js';
import {listenCell, showListening} from './supervisor-listen.js';

const STATE_ORDER = ['ON_CALL', 'RESERVED', 'WRAP_UP', 'READY', 'PREVIEWING', 'PAUSED', 'CONNECTING'];
const STATE_LABELS = {
    CONNECTING: 'Connecting', PAUSED: 'Paused', READY: 'Ready', PREVIEWING: 'Preview',
    RESERVED: 'Connecting call', ON_CALL: 'On call', WRAP_UP: 'Wrap-up', LOGGED_OUT: 'Logged out',
};

/** Sets a figure's text, and when it changed (data-shown-at, browser clock) for whoever measures. */
function figure(id, value, text) {
    const node = byId(id);
    const key = String(value);
    if (node.dataset.value !== key) {
        node.dataset.value = key;
        node.dataset.shownAt = String(Date.now());
    }
    setText(node, text === undefined ? value : text);
}

export function renderFigures(view) {
    agentsTile(view);
    const calls = view.calls || {};
    for (const stage of ['ringing', 'screening', 'waiting', 'connected']) {
        figure('calls-' + stage, calls[stage] || 0);
    }
    const pacing = view.pacing || {};
    figure('lines-per-agent', Number(pacing.linesPerAgent || 0).toFixed(2));
    setText(byId('lines-max'), 'highest this run ' + Number(pacing.maxLinesPerAgent || 0).toFixed(2)
        + ' · ' + (pacing.queued || 0) + ' lead(s) queued');
    setText(byId('pacing-decision'), pacing.decision ? 'Pacer: ' + pacing.decision : '');
    const abandonment = view.abandonment || {};
    abandonTile('today', abandonment.today, abandonment.cap, abandonment.amdFalsePositiveRate);
    abandonTile('30', abandonment.rolling30Days, abandonment.cap, abandonment.amdFalsePositiveRate);
    connectTile(view.connectDelay || {});
    const today = view.today || {};
    figure('placed-today', today.placed || 0);
    figure('contact-rate', today.contactRate || 0, formatPercent(today.contactRate || 0));
    figure('rpc-rate', today.rightPartyRate || 0, formatPercent(today.rightPartyRate || 0));
    figure('promises-today', today.promises || 0);
    figure('promised-amount', today.promisedAmount || '0', formatMoney(today.promisedAmount || 0));
    blocks(view.complianceBlocks || []);
}

/**
 * From the dialplan's detection of a person to the person in the agent's conference, today: the
 * 2-second rule is about this wait.
 */
function connectTile(delay) {
    const connected = delay.connected || 0;
    figure('connect-p99', connected ? delay.p99Ms : '', connected ? 'p99 ' + delay.p99Ms + ' ms' : '–');
    setText(byId('connect-sub'), connected
        ? 'median ' + delay.p50Ms + ' ms · max ' + delay.maxMs + ' ms · ' + connected + ' connected'
        : 'nobody connected yet today');
    const over = delay.overTwoSeconds || 0;
    byId('tile-connect').classList.toggle('is-over', over > 0);
    byId('connect-flag').classList.toggle('is-up', over > 0);
    setText(byId('connect-flag'), over + ' over 2 s');
}

function agentsTile(view) {
    const byState = view.agentsByState || {};
    const total = Object.values(byState).reduce((sum, n) => sum + n, 0);
    figure('agents-total', total);
    fill(byId('agents-by-state'), STATE_ORDER.filter(s => byState[s] > 0).map(s =>
        el('li', {class: 'is-state-' + s, dataset: {test: 'agents-state', state: s, count: byState[s]}},
            STATE_LABELS[s] + ' ' + byState[s])));
    agentRows(view.agents || []);
}

/** One row per agent, kept across views: a row changes only where the agent did. */
function agentRows(agents) {
    const body = byId('agents-rows');
    const seen = new Set();
    agents.forEach((agent, index) => {
        const id = String(agent.agentId);
        seen.add(id);
        let row = body.querySelector('tr[data-agent-id="' + id + '"]');
        if (!row) {
            row = el('tr', {dataset: {test: 'agent-row', agentId: id}},
                el('td', {class: 'agent-name'}),
                el('td', {}, el('span', {class: 'state-chip', dataset: {test: 'agent-state'}})),
                el('td', {class: 'num agent-time tabular', dataset: {test: 'agent-time'}}),
                el('td', {class: 'agent-detail'}),
                listenCell(id));
        }
        if (body.children[index] !== row) {
            body.insertBefore(row, body.children[index] || null);
        }
        setText(row.querySelector('.agent-name'), agent.name + (agent.extension ? ' (' + agent.extension + ')' : ''));
        const chip = row.querySelector('.state-chip');
        if (row.dataset.state !== agent.state) {
            chip.className = 'state-chip is-state-' + agent.state;
            setText(chip, STATE_LABELS[agent.state] || agent.state);
            row.dataset.state = agent.state;
            row.dataset.shownAt = String(Date.now());
        }
        row.dataset.since = agent.since || '';
        setText(row.querySelector('.agent-detail'), agentDetail(agent));
        showListening(row, agent);
    });
    for (const row of [...body.children]) {
        if (!seen.has(row.dataset.agentId)) {
            row.remove();
        }
    }
    byId('agents-empty').hidden = agents.length > 0;
    tickAgents();
}

function agentDetail(agent) {
    if (agent.state === 'PAUSED') {
        return agent.pauseReason ? 'Reason: ' + agent.pauseReason : '';
    }
    if (agent.attemptId) {
        return 'Call #' + agent.attemptId;
    }
    return '';
}

/** Every second: each agent's time in state. */
export function tickAgents() {
    for (const row of byId('agents-rows').children) {
        setText(row.querySelector('.agent-time'), row.dataset.since ? formatDuration(millisSince(row.dataset.since)) : '—');
    }
}

/**
 * Abandonment seen beside the cap; with an expected AMD false-positive rate f (people taken for
 * machines and hung up on, which the dialer cannot see), also the likely regulator's count,
 * f + (1 - f) x the rate seen, which is the figure held against the cap.
 */
function abandonTile(which, window, cap, amdFalsePositives) {
    const w = window || {liveAnswered: 0, abandoned: 0, rate: 0};
    const f = amdFalsePositives || 0;
    const counted = f > 0 && w.withAmdFalsePositives !== undefined ? w.withAmdFalsePositives : w.rate;
    const over = cap !== undefined && counted > cap;
    figure('abandon-' + which, w.rate, formatPercent(w.rate));
    setText(byId('abandon-' + which + '-sub'), w.abandoned + ' of ' + w.liveAnswered + ' answered by a person · cap '
        + formatPercent(cap) + (f > 0 ? ' · expected AMD false positives ' + formatPercent(f) + ', with them '
            + formatPercent(counted) : ''));
    byId('tile-abandon-' + which).classList.toggle('is-over', over);
    byId('abandon-' + which + '-flag').classList.toggle('is-up', over);
}

function blocks(list) {
    fill(byId('blocks-rows'), list.map(b => el('tr', {dataset: {test: 'block-row', rule: b.rule}},
        el('td', {}, el('span', {class: 'rule', text: b.rule})),
        el('td', {class: 'num', text: String(b.count)}))));
    byId('blocks-empty').hidden = list.length > 0;
}
