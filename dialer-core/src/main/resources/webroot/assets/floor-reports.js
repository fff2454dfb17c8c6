// The supervisor page's floor reports: per agent (time by state, right-party contacts and promises
// per logged-in hour, kept rate, collected) and per delinquency bucket (roll and recovery rates), for
// the campaign chosen at the top, over a range of days in the browser's time zone; with CSV downloads.

import {api} from './api.js';
import {byId, el, fill} from './dom.js';
import {formatDuration, formatMoney, formatPercent} from './format.js';
import {drawAgentTime, drawBuckets, timeByAgent, TIME_SERIES} from './floor-charts.js';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function isoDay(d) {
    const pad = n => String(n).padStart(2, '0');
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
}

function field(label, input) {
    return el('label', {class: 'floor-field'}, label, ' ', input);
}

function section() {
    const today = new Date();
    const weekAgo = new Date(today.getTime() - 6 * 86400000);
    const from = el('input', {type: 'date', id: 'floor-from', value: isoDay(weekAgo), dataset: {test: 'floor-from'}});
    const to = el('input', {type: 'date', id: 'floor-to', value: isoDay(today), dataset: {test: 'floor-to'}});
    const group = el('select', {id: 'floor-group', dataset: {test: 'floor-group'}},
        el('option', {value: 'day', text: 'By day'}), el('option', {value: 'week', text: 'By week'}));
    const legend = el('ul', {class: 'legend'}, TIME_SERIES.map(s => el('li', {},
        el('span', {class: 'swatch floor-swatch-' + s}), {ready: 'Ready', talking: 'Talking', wrapUp: 'Wrap-up',
            paused: 'Paused', other: 'Previewing / connecting'}[s])));
    return el('section', {class: 'panel floor-panel', id: 'floor-reports', 'aria-labelledby': 'floor-title',
            dataset: {test: 'floor-reports'}},
        el('h2', {id: 'floor-title', text: 'Floor reports'}),
        el('form', {id: 'floor-form', class: 'floor-form'}, field('From', from), field('To', to), field('Rows', group),
            el('button', {type: 'submit', class: 'btn', dataset: {test: 'floor-show'}, text: 'Show'}),
            el('a', {id: 'floor-csv-agents', class: 'btn btn-quiet', dataset: {test: 'floor-csv-agents'}, text: 'Agents CSV'}),
            el('a', {id: 'floor-csv-buckets', class: 'btn btn-quiet', dataset: {test: 'floor-csv-buckets'}, text: 'Buckets CSV'}),
            el('span', {class: 'hint', text: 'Days in ' + zone})),
        el('div', {id: 'floor-message', class: 'message', role: 'alert', dataset: {test: 'floor-message'}}),
        el('h3', {text: 'Time by agent'}),
        el('div', {id: 'floor-time-chart', class: 'chart', dataset: {test: 'floor-time-chart'}}), legend,
        el('table', {class: 'floor-table'},
            el('thead', {}, el('tr', {}, ['Agent', 'Logged in', 'Calls', 'RPC', 'RPC / h', 'Promises / h', 'Promised',
                'Kept rate', 'Collected'].map((h, i) => el('th', {class: i ? 'num' : null, text: h})))),
            el('tbody', {id: 'floor-agent-rows', dataset: {test: 'floor-agent-rows'}})),
        el('h3', {text: 'Delinquency buckets: roll rate and recovery rate'}),
        el('div', {id: 'floor-bucket-chart', class: 'chart', dataset: {test: 'floor-bucket-chart'}}),
        el('ul', {class: 'legend'}, el('li', {}, el('span', {class: 'swatch floor-swatch-roll'}), 'Roll rate (to a worse bucket)'),
            el('li', {}, el('span', {class: 'swatch floor-swatch-recovery'}), 'Recovery rate (collected / balance at start)')));
}

/** Per agent over the whole range: sums of the period rows, rates recomputed from the sums. */
function agentTotals(rows) {
    const byAgent = new Map();
    for (const r of rows) {
        const a = byAgent.get(r.agentId) || {agent: r.agent, loggedIn: 0, calls: 0, rpc: 0, promises: 0, promised: 0,
            kept: 0, broken: 0, collected: 0};
        a.loggedIn += r.loggedInSeconds;
        a.calls += r.calls;
        a.rpc += r.rightPartyContacts;
        a.promises += r.promises;
        a.promised += Number(r.promisedAmount);
        a.kept += r.kept;
        a.broken += r.broken;
        a.collected += Number(r.collected);
        byAgent.set(r.agentId, a);
    }
    return [...byAgent.values()].sort((x, y) => x.agent.localeCompare(y.agent));
}

function perHour(count, seconds) {
    return seconds > 0 ? (count * 3600 / seconds).toFixed(2) : '—';
}

function query(campaignId) {
    const params = new URLSearchParams({from: byId('floor-from').value, to: byId('floor-to').value, zone,
        groupBy: byId('floor-group').value});
    if (campaignId) {
        params.set('campaignId', campaignId);
    }
    return params.toString();
}

async function show() {
    const campaignId = byId('campaign-select').value;
    const q = query(campaignId);
    byId('floor-csv-agents').href = '/api/reports/floor/agents.csv?' + q;
    byId('floor-csv-buckets').href = '/api/reports/floor/buckets.csv?' + q;
    const note = byId('floor-message');
    note.textContent = 'Loading…';
    try {
        const [agents, buckets] = await Promise.all([api('GET', '/api/reports/floor/agents?' + q),
            api('GET', '/api/reports/floor/buckets?' + q)]);
        drawAgentTime(byId('floor-time-chart'), timeByAgent(agents.rows));
        const totals = agentTotals(agents.rows);
        fill(byId('floor-agent-rows'), totals.map(a => el('tr', {dataset: {test: 'floor-agent-row'}},
            el('td', {text: a.agent}), el('td', {class: 'num', text: formatDuration(a.loggedIn * 1000)}),
            el('td', {class: 'num', text: a.calls}), el('td', {class: 'num', text: a.rpc}),
            el('td', {class: 'num', text: perHour(a.rpc, a.loggedIn)}), el('td', {class: 'num', text: perHour(a.promises, a.loggedIn)}),
            el('td', {class: 'num', text: formatMoney(a.promised)}),
            el('td', {class: 'num', text: a.kept + a.broken ? formatPercent(a.kept / (a.kept + a.broken)) : '—'}),
            el('td', {class: 'num', text: formatMoney(a.collected)}))));
        drawBuckets(byId('floor-bucket-chart'), buckets.rows);
        note.textContent = totals.length ? '' : 'No agent activity in these days.';
        byId('floor-reports').dataset.loaded = String(Date.now());
    } catch (e) {
        note.textContent = 'Reports not loaded: ' + (e.describe ? e.describe() : e.message);
    }
}

function start() {
    const dashboard = document.getElementById('dashboard');
    if (!dashboard) {
        return;
    }
    dashboard.append(section());
    byId('floor-form').addEventListener('submit', e => {
        e.preventDefault();
        show();
    });
    byId('campaign-select').addEventListener('change', show);
    // the dashboard fills the campaign list when it starts: the first report once a campaign is chosen
    const first = new MutationObserver(() => {
        if (byId('campaign-select').value) {
            first.disconnect();
            show();
        }
    });
    first.observe(byId('campaign-select'), {childList: true, subtree: true});
    if (byId('campaign-select').value) {
        first.disconnect();
        show();
    }
}

start();
