// Calls the agent places: the lead shown for preview (dial or skip), one of the numbers of the
// debtor on screen, or a number typed. When the compliance guard says no, every rule that blocked
// the call is shown with its reason.

import {api, ApiError} from './api.js';
import {blockedList, byId, el, fill} from './dom.js';

/** The states an agent may dial from. */
const CAN_DIAL = new Set(['PAUSED', 'READY', 'PREVIEWING']);

export function createDialing(agentId) {
    const previewPanel = byId('preview-panel');
    const previewDial = byId('btn-preview-dial');
    const previewSkip = byId('btn-preview-skip');
    const skipReason = byId('skip-reason');
    const previewResult = byId('preview-result');
    const dialForm = byId('dial-form');
    const dialNumber = byId('dial-number');
    const dialButton = byId('btn-dial');
    const dialResult = byId('dial-result');

    let state = null;
    let previewLead = null;
    let busy = false;

    function update(view, dialMode) {
        state = view.state;
        previewPanel.hidden = dialMode !== 'PREVIEW';
        const lead = view.state === 'PREVIEWING' ? view.previewLeadId ?? null : null;
        if (lead !== previewLead) {
            previewLead = lead;
            if (lead !== null) {
                fill(previewResult);
                skipReason.value = '';
            }
        }
        refresh();
    }

    function refresh() {
        const previewing = state === 'PREVIEWING';
        previewDial.disabled = busy || !previewing;
        previewSkip.disabled = busy || !previewing;
        skipReason.disabled = !previewing;
        dialNumber.disabled = !CAN_DIAL.has(state);
        dialButton.disabled = busy || !CAN_DIAL.has(state);
    }

    function canDial() {
        return !busy && CAN_DIAL.has(state);
    }

    function refusal(e) {
        if (e instanceof ApiError && e.blocked.length > 0) {
            return blockedList(e.blocked);
        }
        return el('p', {class: 'message is-error', role: 'alert', dataset: {test: 'dial-error'},
            text: 'Not dialed: ' + (e instanceof ApiError ? e.describe() : String(e))});
    }

    async function placeCall(path, body, resultBox, what) {
        busy = true;
        refresh();
        fill(resultBox, el('p', {class: 'message', text: 'Dialing ' + what + '…'}));
        try {
            const answer = await api('POST', path, body);
            fill(resultBox, el('p', {class: 'message is-ok', dataset: {test: 'dial-placed', attemptId: answer.attemptId},
                text: 'Dialing ' + what + ' (call #' + answer.attemptId + '). Your phone gets the call.'}));
        } catch (e) {
            fill(resultBox, refusal(e));
        } finally {
            busy = false;
            refresh();
        }
    }

    dialForm.addEventListener('submit', event => {
        event.preventDefault();
        const number = dialNumber.value.trim();
        if (!number) {
            fill(dialResult, el('p', {class: 'message is-error', role: 'alert', text: 'Type the number to dial.'}));
            dialNumber.focus();
            return;
        }
        if (!canDial()) {
            return;
        }
        // the typed number does not stay on screen: only its masked form comes back from the server
        dialNumber.value = '';
        placeCall('/api/agents/' + agentId + '/dial', {number}, dialResult, 'the number');
    });

    previewDial.addEventListener('click', () => {
        placeCall('/api/agents/' + agentId + '/preview/dial', undefined, previewResult, 'the debtor');
    });

    previewSkip.addEventListener('click', async () => {
        const reason = skipReason.value.trim();
        busy = true;
        refresh();
        try {
            await api('POST', '/api/agents/' + agentId + '/preview/skip', reason ? {reason} : undefined);
            fill(previewResult, el('p', {class: 'message is-ok', text: 'Skipped: the lead will be offered again later.'}));
        } catch (e) {
            fill(previewResult, el('p', {class: 'message is-error', role: 'alert',
                text: 'Not skipped: ' + (e instanceof ApiError ? e.describe() : String(e))}));
        } finally {
            busy = false;
            refresh();
        }
    });

    /** One of the numbers of the debtor on screen (the screen pop's Dial buttons). */
    function dialPhone(phone) {
        if (canDial()) {
            placeCall('/api/agents/' + agentId + '/dial', {phoneId: phone.id}, dialResult, phone.number);
        }
    }

    return {update, dialPhone, canDial};
}
