// Listening in to an agent from the dashboard: Listen (silent), Whisper (only the agent hears you),
// Barge (both hear you) and Stop, per agent row. The server rings your own phone; who listens, and how,
// comes back with the live view (agent.monitor).
import {api, ApiError} from './api.js';
import {byId, el, message, setText} from './dom.js';

const MODES = [
    {mode: 'LISTEN', label: 'Listen', title: 'Hear the agent and the person; nobody hears you'},
    {mode: 'WHISPER', label: 'Whisper', title: 'Coach: only the agent hears you'},
    {mode: 'BARGE', label: 'Barge', title: 'Join the call: the person and the agent both hear you'},
];

/** The cell of a new agent row: one button per mode, Stop, and who listens now. */
export function listenCell(agentId) {
    const buttons = MODES.map(m => el('button', {type: 'button', class: 'btn btn-small listen-btn', title: m.title,
        dataset: {test: 'listen-' + m.mode.toLowerCase(), mode: m.mode},
        onclick: () => send(agentId, 'POST', {mode: m.mode}, m.label)}, m.label));
    const stop = el('button', {type: 'button', class: 'btn btn-small btn-quiet listen-btn', dataset: {test: 'listen-stop'},
        title: 'Hang up your listening-in', onclick: () => send(agentId, 'DELETE', undefined, 'Stop')}, 'Stop');
    return el('td', {class: 'agent-listen'},
        el('div', {class: 'listen-buttons'}, buttons, stop),
        el('div', {class: 'listen-status', dataset: {test: 'listen-status'}}));
}

/** Shows who listens in to the row's agent and how; Barge only while the agent is on a call. */
export function showListening(row, agent) {
    const monitor = agent.monitor || null;
    row.dataset.monitorMode = monitor ? monitor.mode : '';
    for (const button of row.querySelectorAll('.listen-btn[data-mode]')) {
        button.classList.toggle('is-active', !!monitor && monitor.mode === button.dataset.mode);
        button.disabled = button.dataset.mode === 'BARGE' && agent.state !== 'ON_CALL';
    }
    row.querySelector('[data-test=listen-stop]').disabled = !monitor;
    setText(row.querySelector('.listen-status'), monitor
        ? monitor.supervisor + ': ' + monitor.mode.toLowerCase() + (monitor.answered ? '' : ' (ringing)') : '');
}

async function send(agentId, method, body, what) {
    const box = byId('campaign-message');
    message(box, '', '');
    try {
        const answer = await api(method, '/api/agents/' + agentId + '/monitor', body);
        box.dataset.answeredAt = String(Date.now());
        message(box, method === 'DELETE' ? 'Stopped listening in.'
            : (answer.answered ? 'Now: ' + answer.mode.toLowerCase() + '.' : 'Your phone is ringing: answer it to listen in.'), 'ok');
    } catch (e) {
        message(box, what + ': ' + (e instanceof ApiError ? e.describe() : String(e)), 'error');
    }
}
