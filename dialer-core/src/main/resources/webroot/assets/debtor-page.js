// The debtor page for supervisors and administrators: the portrait first (as in the agent's
// screen pop), then the accounts, numbers, owner and everything that happened to the debtor.

import {api, ApiError, signOut} from './api.js';
import {byId, el, fill, setText, showNotice} from './dom.js';
import {formatCode, formatDateTime, formatMoney} from './format.js';
import {portrait} from './agent-portrait.js';

function section(title, test, ...children) {
    return el('section', {class: 'panel', dataset: {test}}, el('h2', {text: title}), ...children);
}

function table(headers, rows) {
    return el('table', {}, el('thead', {}, el('tr', {}, headers.map(h => el('th', {text: h})))),
        el('tbody', {}, rows.map(r => el('tr', {}, r.map(c => el('td', {text: c === null || c === undefined ? '—' : String(c)}))))));
}

function owner(o) {
    const who = o.agentId ? 'Agent ' + o.agentId + (o.teamId ? ' (team ' + o.teamId + ')' : '') : o.teamId ? 'Team ' + o.teamId : 'Nobody';
    return section('Owner', 'debtor-owner', el('p', {dataset: {test: 'owner-now'}, text: who}),
        o.changes.length === 0 ? null : table(['When', 'From', 'To', 'By', 'Why'], o.changes.map(ch => [formatDateTime(ch.at),
            ch.fromAgentId ? 'agent ' + ch.fromAgentId : ch.fromTeamId ? 'team ' + ch.fromTeamId : 'nobody',
            ch.toAgentId ? 'agent ' + ch.toAgentId : ch.toTeamId ? 'team ' + ch.toTeamId : 'nobody', ch.by, ch.reason])));
}

/** The recordings of the debtor's calls the user may hear: each plays here (audited when played) or downloads. */
function recordings(list) {
    return section('Call recordings', 'debtor-recordings', list.length === 0
        ? el('p', {class: 'empty', text: 'No recording you may hear.'})
        : el('ul', {class: 'history'}, list.map(r => el('li', {dataset: {test: 'recording-' + r.id}},
            el('span', {class: 'hint', text: formatDateTime(r.startedAt) + ' · call ' + r.attemptId + ' · '
                + (r.lengthMs ? Math.round(r.lengthMs / 1000) + ' s · ' : '') + formatCode(r.state) + ' '}),
            r.state === 'PURGED' ? null : el('audio', {controls: true, preload: 'none', src: r.audio}),
            r.state === 'PURGED' ? null : el('a', {href: r.audio + '?download=true', dataset: {test: 'recording-download'},
                text: ' Download'})))));
}

async function show(id) {
    const [debtor, pic, own, history, recorded] = await Promise.all([api('GET', '/api/debtors/' + id),
        api('GET', '/api/debtors/' + id + '/portrait'), api('GET', '/api/debtors/' + id + '/owner'),
        api('GET', '/api/debtors/' + id + '/history?limit=200'), api('GET', '/api/debtors/' + id + '/recordings?limit=50')]);
    document.title = debtor.name + ' — Debtor';
    fill(byId('debtor'),
        el('section', {class: 'panel'}, portrait(pic),
            el('h1', {dataset: {test: 'debtor-name'}, text: debtor.name}),
            el('p', {class: 'pop-sub'}, 'Reference ', el('strong', {dataset: {test: 'debtor-ref'}, text: debtor.externalId}),
                debtor.timeZone ? ' · time zone ' + debtor.timeZone : '')),
        section('Accounts', 'debtor-accounts', table(['Account', 'Product', 'Overdue', 'Days', 'Bucket'],
            debtor.accounts.map(a => [a.ref, a.product, formatMoney(a.amountOverdue), a.daysOverdue, a.bucket]))),
        section('Numbers', 'debtor-phones', table(['Number', 'Type', 'Status', 'Attempts', 'Last outcome'],
            debtor.phones.map(p => [p.number, formatCode(p.type), p.status, p.attempts,
                p.lastOutcome ? formatCode(p.lastOutcome) : null]))),
        owner(own),
        section('History', 'debtor-history', el('ol', {class: 'history'}, history.map(h => el('li', {},
            el('span', {class: 'hint', text: formatDateTime(h.at) + ' · ' + formatCode(h.kind) + ' · '}), h.summary)))),
        recordings(recorded));
}

async function start() {
    const me = await api('GET', '/api/me');
    setText(byId('user-name'), me.displayName);
    const id = new URLSearchParams(location.search).get('id');
    if (id && /^[0-9]{1,18}$/.test(id)) {
        await show(id);
    }
}

byId('sign-out').addEventListener('click', () => signOut());
byId('find-form').addEventListener('submit', async event => {
    event.preventDefault();
    const ref = byId('find-ref').value.trim();
    if (!ref) {
        return;
    }
    try {
        const d = await api('GET', '/api/debtors?externalId=' + encodeURIComponent(ref));
        history.replaceState(null, '', '/debtor?id=' + d.id);
        await show(d.id);
    } catch (e) {
        showNotice(e instanceof ApiError ? e.describe() : String(e));
    }
});

start().catch(e => {
    if (!(e instanceof ApiError && e.status === 401)) {
        showNotice('The page could not start: ' + (e instanceof ApiError ? e.describe() : String(e)));
    }
});
