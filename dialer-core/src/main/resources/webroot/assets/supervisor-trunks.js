// Carrier trunks on the supervisor dashboard: an alert naming every trunk that carries no calls
// now (its qualify goes unanswered, the carrier refuses our credentials or registration, its calls
// fail at the trunk), from GET /api/trunks/health every few seconds. Its campaigns dial nothing
// until it is healthy again.

import {api} from './api.js';
import {byId, setText} from './dom.js';

const EVERY_MS = 5000;

async function check(alert) {
    try {
        const trunks = await api('GET', '/api/trunks/health');
        const down = trunks.filter(t => !t.healthy);
        alert.hidden = down.length === 0;
        setText(alert, down.map(t => 'Trunk ' + t.trunk + ' is down, its campaigns are not dialing: ' + t.problem).join(' — '));
        alert.dataset.trunks = down.map(t => t.trunk).join(',');
    } catch (e) {
        // the live view says when the server cannot be reached; this alert keeps its last word
    }
}

export function watchTrunks() {
    const alert = byId('trunk-alert');
    check(alert);
    setInterval(() => check(alert), EVERY_MS);
}
