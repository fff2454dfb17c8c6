// A debtor calling us back: the console says the call is inbound, and when the caller's number is
// several debtors' (or nobody's on file) it lists the debtors it matched so the agent, after asking,
// says who is on the line; the screen pop then opens on them (the server pushes it).

import {api, ApiError} from './api.js';
import {el, fill, setText} from './dom.js';

/** Shows the agent's inbound call in panel; update(view) with each state the server pushes. */
export function createInboundPanel(panel, agentId) {
    const body = panel.querySelector('[data-role=inbound-body]');
    const message = panel.querySelector('[data-role=inbound-message]');
    let attemptId = null;
    let call = null;

    async function load() {
        const asked = attemptId;
        try {
            const next = await api('GET', '/api/agents/' + agentId + '/inbound');
            if (asked === attemptId) {
                call = next;
                draw();
            }
        } catch (e) {
            setText(message, 'The caller could not be looked up: ' + (e instanceof ApiError ? e.describe() : String(e)));
        }
    }

    async function choose(debtorId) {
        try {
            await api('POST', '/api/agents/' + agentId + '/inbound/debtor', {debtorId});
            setText(message, '');
            await load();
        } catch (e) {
            setText(message, 'Not saved: ' + (e instanceof ApiError ? e.describe() : String(e)));
        }
    }

    function draw() {
        if (!call || !call.inbound) {
            fill(body);
            return;
        }
        const known = call.debtorId !== null && call.debtorId !== undefined;
        fill(body,
            el('p', {}, el('span', {class: 'badge', dataset: {test: 'inbound-badge'}, text: 'Inbound'}),
                ' The debtor called us from ', el('strong', {dataset: {test: 'inbound-caller'}, text: call.caller}), '.'),
            known ? null : el('p', {class: 'hint', dataset: {test: 'inbound-ask'}, text: call.candidates.length === 0
                ? 'This number is on no debtor\'s file. Ask who is calling; record the outcome without a debtor.'
                : 'This number is on ' + call.candidates.length + ' debtors\' files. Ask who is calling, then choose:'}),
            known ? null : el('div', {class: 'code-grid', dataset: {test: 'inbound-candidates'}},
                call.candidates.map(c => el('button', {type: 'button', class: 'btn btn-small',
                    dataset: {test: 'inbound-choose-' + c.debtorId}, onclick: () => choose(c.debtorId),
                    text: c.name + ' · ' + c.externalId + ' · ' + c.accounts + ' account(s), ' + c.amountOverdue + ' overdue'}))));
    }

    return {
        update(view) {
            const inbound = !!(view && view.inbound && view.attemptId);
            panel.hidden = !inbound;
            const next = inbound ? view.attemptId : null;
            if (next !== attemptId) {
                attemptId = next;
                call = null;
                setText(message, '');
                draw();
                if (attemptId) {
                    load();
                }
            } else if (inbound && call && (call.debtorId === null || call.debtorId === undefined) && view.debtorId) {
                load();
            }
        },
    };
}
