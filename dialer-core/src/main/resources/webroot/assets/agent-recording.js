// The call's recording: whether it is recorded (the campaign records all calls, or the agent starts
// it with Record when the campaign records on demand), and Pause / Resume while the debtor reads a
// card number (PCI DSS): the server mutes the recording (silence is written) and keeps who and when.

import {api, ApiError} from './api.js';
import {el, fill, setText} from './dom.js';

const LABELS = {
    NONE: 'Not recorded',
    RECORDING: 'Recording',
    PAUSED: 'Recording paused',
    ENDED: 'Recorded',
    FAILED: 'The recording failed',
    PURGED: 'Recording purged',
};

/** Shows the recording of the agent's current call in panel; update(view) with each state the server pushes. */
export function createRecordingPanel(panel) {
    const body = panel.querySelector('[data-role=recording-body]');
    const message = panel.querySelector('[data-role=recording-message]');
    let attemptId = null;
    let onCall = false;
    let info = null;
    let busy = false;
    let timer = null;
    /** What is drawn now: nothing is redrawn (no button replaced under the pointer) while it stays the same. */
    let drawn = null;

    async function load() {
        const asked = attemptId;
        try {
            const next = await api('GET', '/api/attempts/' + asked + '/recording');
            if (asked === attemptId) {
                info = next;
                draw();
            }
        } catch (e) {
            if (asked === attemptId && !(e instanceof ApiError && e.status === 403)) {
                setText(message, 'The recording state could not be read: ' + (e instanceof ApiError ? e.describe() : String(e)));
            }
        }
    }

    async function act(what) {
        busy = true;
        draw();
        try {
            await api('POST', '/api/attempts/' + attemptId + '/recording/' + what);
            setText(message, '');
        } catch (e) {
            setText(message, 'Not done: ' + (e instanceof ApiError ? e.describe() : String(e)));
        } finally {
            busy = false;
        }
        await load();
    }

    function draw() {
        const state = info && info.recording ? info.recording.state : 'NONE';
        const mode = info ? info.mode : null;
        const key = [state, mode, onCall, busy].join('|');
        if (key === drawn) {
            return;
        }
        drawn = key;
        fill(body,
            el('p', {},
                el('span', {class: 'badge' + (state === 'RECORDING' ? ' is-bad' : ''), dataset: {test: 'recording-state', state},
                    text: LABELS[state] || state}),
                mode ? el('span', {class: 'hint', text: ' · campaign records ' + (mode === 'ALL' ? 'every call'
                    : mode === 'ON_DEMAND' ? 'on demand' : 'no calls')}) : null),
            el('div', {class: 'button-row'},
                onCall && mode === 'ON_DEMAND' && state === 'NONE'
                    ? el('button', {type: 'button', class: 'btn', dataset: {test: 'recording-start'}, disabled: busy,
                        onclick: () => act('start'), text: 'Record'}) : null,
                onCall && state === 'RECORDING'
                    ? el('button', {type: 'button', class: 'btn', dataset: {test: 'recording-pause'}, disabled: busy,
                        title: 'Pause while the debtor reads card details', onclick: () => act('pause'), text: 'Pause recording'}) : null,
                onCall && state === 'PAUSED'
                    ? el('button', {type: 'button', class: 'btn btn-go', dataset: {test: 'recording-resume'}, disabled: busy,
                        onclick: () => act('resume'), text: 'Resume recording'}) : null));
    }

    function update(view) {
        const current = view.state === 'ON_CALL' || view.state === 'WRAP_UP' ? view.attemptId ?? null : null;
        onCall = view.state === 'ON_CALL';
        panel.hidden = current === null;
        if (current === attemptId) {
            if (info) {
                draw();
            }
            return;
        }
        attemptId = current;
        info = null;
        drawn = null;
        setText(message, '');
        fill(body);
        clearInterval(timer);
        timer = null;
        if (current !== null) {
            load();
            // the campaign's recording starts a moment after the call is connected: follow it while the call lasts
            timer = setInterval(() => {
                if (!busy && attemptId !== null) {
                    load();
                }
            }, 2000);
        }
    }

    return {update};
}
