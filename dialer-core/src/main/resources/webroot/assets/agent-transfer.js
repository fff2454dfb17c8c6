// Transfers of the agent's connected call to another ready agent of the campaign: blind (the
// debtor goes straight to them) or warm (the two agents talk while the debtor waits, then complete,
// cancel, or bring the debtor in for a three-way conference). The receiving agent's console shows
// the debtor through its own live channel, as for any call.

import {api, ApiError} from './api.js';
import {byId, el, fill, message, setText} from './dom.js';

const PHASES = {
    MOVING: 'Moving the call…',
    DIALING: 'Calling the number: the debtor waits on hold (warm) or stays with you (blind) until they answer.',
    CONSULTING: 'Consulting: the debtor is waiting on hold.',
    CONFERENCE: 'Three-way conference: the debtor, you and the other party.',
};

export function createTransfer(agentId) {
    const panel = byId('transfer-panel');
    const openButton = byId('btn-transfer');
    const picker = byId('transfer-picker');
    const targets = byId('transfer-targets');
    const mode = byId('transfer-mode');
    const go = byId('btn-transfer-go');
    const close = byId('btn-transfer-close');
    const progress = byId('transfer-progress');
    const status = byId('transfer-status');
    const complete = byId('btn-transfer-complete');
    const cancel = byId('btn-transfer-cancel');
    const conference = byId('btn-transfer-conference');
    const result = byId('transfer-message');

    let state = null;
    let transfer = null;
    let busy = false;
    let asked = 0;

    const path = action => '/api/agents/' + agentId + '/transfer' + (action ? '/' + action : '');

    /** Every change of the agent's state (and of a transfer they take part in) comes through here. */
    function update(view) {
        state = view.state;
        if (state === 'ON_CALL' || state === 'RESERVED') {
            reload();
        } else {
            transfer = null;
            picker.hidden = true;
            refresh();
        }
    }

    async function reload() {
        const mine = ++asked;
        try {
            const answer = await api('GET', path());
            if (mine === asked) {
                transfer = answer.transfer;
                refresh();
            }
        } catch (e) {
            // the next change tries again
        }
    }

    function refresh() {
        const giving = transfer && transfer.fromAgentId === agentId;
        panel.hidden = !(state === 'ON_CALL' || transfer);
        openButton.disabled = busy || state !== 'ON_CALL' || !!transfer;
        progress.hidden = !transfer;
        if (transfer) {
            picker.hidden = true;
            panel.dataset.phase = transfer.phase;
            setText(status, (giving ? 'Transfer to ' + (transfer.targetName ? transfer.targetName : 'agent ' + transfer.toAgentId)
                : 'Transfer from agent ' + transfer.fromAgentId)
                + ' — ' + (PHASES[transfer.phase] || transfer.phase));
        } else {
            delete panel.dataset.phase;
        }
        const settled = transfer && (transfer.phase === 'CONSULTING' || transfer.phase === 'CONFERENCE');
        complete.hidden = !giving;
        complete.disabled = busy || !settled;
        complete.textContent = transfer && transfer.phase === 'CONFERENCE' ? 'Leave the conference' : 'Complete transfer';
        cancel.disabled = busy || !settled;
        conference.hidden = !giving;
        conference.disabled = busy || !transfer || transfer.phase !== 'CONSULTING';
        go.disabled = busy || !targets.value;
    }

    async function act(what, request) {
        busy = true;
        refresh();
        message(result, '', '');
        try {
            transfer = await request();
            if (transfer && ['MOVING', 'DIALING', 'CONSULTING', 'CONFERENCE'].indexOf(transfer.phase) < 0) {
                message(result, what + ': ' + transfer.phase.toLowerCase().replace('_', ' ') + '.', 'ok');
                transfer = null;
            }
        } catch (e) {
            message(result, what + ' did not work: ' + (e instanceof ApiError ? e.describe() : String(e)), 'error');
        } finally {
            busy = false;
            refresh();
        }
    }

    openButton.addEventListener('click', async () => {
        message(result, '', '');
        try {
            const [agents, supervisors, numbers] = await Promise.all([api('GET', path('candidates')), api('GET', path('supervisors')),
                api('GET', '/api/transfer-targets')]);
            fill(targets, agents.length === 0 && supervisors.length === 0 && numbers.length === 0
                ? el('option', {value: '', text: 'No agent is ready'})
                : [...agents.map(a => el('option', {value: 'agent:' + a.agentId, text: a.name + ' (agent ' + a.agentId + ')'})),
                    ...supervisors.map(v => el('option', {value: 'supervisor:' + v.supervisorId, text: v.name + ' (supervisor)'})),
                    ...numbers.map(n => el('option', {value: 'number:' + n.id, text: n.name + ' (' + n.number + ')'}))]);
            picker.hidden = false;
        } catch (e) {
            message(result, 'The ready agents could not be read: ' + (e instanceof ApiError ? e.describe() : String(e)), 'error');
        }
        refresh();
    });
    targets.addEventListener('change', refresh);
    close.addEventListener('click', () => {
        picker.hidden = true;
        refresh();
    });
    go.addEventListener('click', () => {
        const [kind, id] = targets.value.split(':');
        const to = kind === 'number' ? {targetId: Number(id)} : kind === 'supervisor' ? {supervisorId: Number(id)} : {agentId: Number(id)};
        act('Transfer', () => api('POST', path(), {to, mode: mode.value}));
    });
    complete.addEventListener('click', () => act('Transfer', () => api('POST', path('complete'))));
    cancel.addEventListener('click', () => act('Cancelling the transfer', () => api('POST', path('cancel'))));
    conference.addEventListener('click', () => act('Three-way conference', () => api('POST', path('conference'))));

    return {update};
}
