// Settlement offers waiting for this supervisor: each offer over its agent's authority, with the
// debtor, the agent, the balance, the discount and what the debtor would pay; approve or reject
// it (the server checks the role and the campaign, and records who decided and when). The list is
// read when the dashboard opens, after each decision, and whenever the campaign's promises today
// change (every offer comes with the promises of its plan): it does not poll.

import {api, ApiError} from './api.js';
import {byId, el, fill, message} from './dom.js';
import {formatMoney} from './format.js';

const panel = el('section', {class: 'panel settlements-panel', 'aria-labelledby': 'settlements-title', dataset: {test: 'settlements'}},
    el('h2', {id: 'settlements-title', text: 'Settlements waiting for approval'}));
const table = el('table', {class: 'settlements-table'},
    el('thead', {}, el('tr', {},
        el('th', {text: 'Debtor'}), el('th', {text: 'Agent'}), el('th', {class: 'num', text: 'Balance'}),
        el('th', {class: 'num', text: 'Discount'}), el('th', {class: 'num', text: 'To pay'}), el('th', {text: 'Offered'}),
        el('th', {text: 'Decision'}))));
const rows = el('tbody', {dataset: {test: 'settlement-rows'}});
const empty = el('p', {class: 'empty', text: 'No settlement is waiting for approval.'});
const note = el('input', {id: 'settlement-note', maxlength: '500', placeholder: 'Reason (optional)', dataset: {test: 'settlement-note'}});
const result = el('div', {class: 'message', role: 'status', dataset: {test: 'settlement-message'}});
table.append(rows);
panel.append(table, empty, el('div', {class: 'field'}, el('label', {for: 'settlement-note', text: 'Reason for the decision'}), note),
    result);

let campaignId = null;
let loading = false;

async function load() {
    if (campaignId === null || loading) {
        return;
    }
    loading = true;
    try {
        const offers = await api('GET', '/api/settlements?campaignId=' + campaignId + '&status=PENDING');
        fill(rows, offers.map(row));
        empty.hidden = offers.length > 0;
        panel.dataset.count = String(offers.length);
    } catch (e) {
        message(result, 'Settlements could not be read: ' + (e instanceof ApiError ? e.describe() : String(e)), 'error');
    } finally {
        loading = false;
    }
}

function row(o) {
    const approve = el('button', {type: 'button', class: 'btn btn-go btn-small', text: 'Approve',
        dataset: {test: 'settlement-approve'}, onclick: () => decide(o, 'approve')});
    const reject = el('button', {type: 'button', class: 'btn btn-stop btn-small', text: 'Reject',
        dataset: {test: 'settlement-reject'}, onclick: () => decide(o, 'reject')});
    return el('tr', {dataset: {test: 'settlement-row', planId: String(o.id)}},
        el('td', {text: o.debtorExternalId}), el('td', {text: o.agentName || '—'}),
        el('td', {class: 'num', text: formatMoney(o.balance)}), el('td', {class: 'num', text: o.settlementPercent + '%'}),
        el('td', {class: 'num', text: formatMoney(o.total)}), el('td', {text: new Date(o.createdAt).toLocaleString()}),
        el('td', {}, approve, ' ', reject));
}

async function decide(offer, decision) {
    panel.querySelectorAll('button').forEach(b => {
        b.disabled = true;
    });
    try {
        const body = note.value.trim() ? {note: note.value.trim()} : {};
        const plan = await api('POST', '/api/settlements/' + offer.id + '/' + decision, body);
        note.value = '';
        message(result, 'Settlement for ' + offer.debtorExternalId + ' ' + (decision === 'approve' ? 'approved' : 'rejected')
            + ' by ' + plan.decidedBy + '.', 'ok');
    } catch (e) {
        message(result, 'Not decided: ' + (e instanceof ApiError ? e.describe() : String(e)), 'error');
    }
    await load();
}

/** Starts once the dashboard shows its campaign. */
function attach() {
    document.head.append(el('link', {rel: 'stylesheet', href: '/assets/supervisor-settlements.css'}));
    const dashboard = byId('dashboard');
    const select = byId('campaign-select');
    const started = () => {
        if (dashboard.hidden || !select.value || campaignId !== null) {
            return;
        }
        campaignId = Number(select.value);
        dashboard.append(panel);
        load();
        const promises = document.querySelector('[data-test=promises-today]');
        if (promises) {
            new MutationObserver(load).observe(promises, {attributes: true, attributeFilter: ['data-value']});
        }
    };
    new MutationObserver(started).observe(dashboard, {attributes: true, attributeFilter: ['hidden']});
    started();
}

attach();
