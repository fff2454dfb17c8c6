// The supervisor dashboard: one campaign (?campaign=ID, default the first one supervised), shown
// from its live channel; start, pause and stop it, and set its abandonment target.

import {api, ApiError, signOut} from './api.js';
import {byId, el, fill, message, setText, showNotice} from './dom.js';
import {formatCode, formatPercent} from './format.js';
import {openLive, showLiveStatus} from './live.js';
import {everySecond, syncServerClock} from './server-clock.js';
import {renderFigures, tickAgents} from './supervisor-figures.js';
import {drawLastHour} from './supervisor-chart.js';
import {watchTrunks} from './supervisor-trunks.js';

const select = byId('campaign-select');
const campaignMessage = byId('campaign-message');
const targetInput = byId('target-input');
const buttons = {start: byId('btn-start'), pause: byId('btn-pause'), stop: byId('btn-stop'), target: byId('btn-target')};

let campaignId = null;
let view = null;
let busy = false;
/** The campaign's target as last received, and whether the supervisor has typed another one since. */
let target = null;
let targetEdited = false;

function render(next) {
    syncServerClock(next.serverTime);
    view = next;
    byId('dashboard').hidden = false;
    const c = next.campaign;
    setText(byId('campaign-name'), c.name);
    document.title = c.name + ' — Supervisor dashboard';
    const status = byId('campaign-status');
    if (status.dataset.value !== c.status) {
        status.className = 'badge status-' + c.status;
        status.dataset.value = c.status;
        status.dataset.shownAt = String(Date.now());
    }
    setText(status, formatCode(c.status));
    setText(byId('campaign-mode'), formatCode(c.dialMode));
    if (target !== c.maxAbandonRate || !targetEdited) {
        // the campaign's target changed (or the field is as it came): show the campaign's
        targetEdited = false;
        target = c.maxAbandonRate;
        targetInput.value = (c.maxAbandonRate * 100).toFixed(2);
    }
    const bounds = c.targetBounds || {};
    targetInput.min = String((bounds.min || 0) * 100);
    targetInput.max = String((bounds.max || 0) * 100);
    const shown = byId('target-bounds');
    if (shown.dataset.value !== String(c.maxAbandonRate)) {
        shown.dataset.value = String(c.maxAbandonRate);
        shown.dataset.shownAt = String(Date.now());
    }
    setText(shown, 'from ' + formatPercent(bounds.min) + ' to ' + formatPercent(bounds.max)
        + ' · now ' + formatPercent(c.maxAbandonRate));
    renderFigures(next);
    drawLastHour(byId('chart'), next.lastHour || []);
    controls();
}

function controls() {
    const status = view ? view.campaign.status : null;
    buttons.start.disabled = busy || !view || status === 'RUNNING';
    buttons.pause.disabled = busy || status !== 'RUNNING';
    buttons.stop.disabled = busy || !view || status === 'STOPPED';
    buttons.target.disabled = busy || !view;
}

function liveStatus(status, why) {
    showLiveStatus(status);
    if (status === 'refused') {
        showNotice('This campaign cannot be shown: ' + why);
        byId('dashboard').hidden = true;
    }
}

async function act(what, request, done) {
    busy = true;
    controls();
    message(campaignMessage, '', '');
    try {
        const answer = await request();
        campaignMessage.dataset.answeredAt = String(Date.now());
        if (done) {
            message(campaignMessage, done(answer), 'ok');
        }
    } catch (e) {
        message(campaignMessage, what + ': ' + (e instanceof ApiError ? e.describe() : String(e)), 'error');
    } finally {
        busy = false;
        controls();
    }
}

for (const action of ['start', 'pause', 'stop']) {
    buttons[action].addEventListener('click', () => act('Could not ' + action + ' the campaign',
        () => api('POST', '/api/campaigns/' + campaignId + '/' + action),
        c => 'Campaign ' + formatCode(c.status).toLowerCase() + '.'));
}

byId('target-form').addEventListener('submit', event => {
    event.preventDefault();
    const percent = Number(String(targetInput.value).replace(',', '.'));
    if (targetInput.value.trim() === '' || !Number.isFinite(percent)) {
        message(campaignMessage, 'Type the abandonment target as a percentage, e.g. 2.5.', 'error');
        targetInput.focus();
        return;
    }
    // the server says whether it is within the bounds
    const rate = Math.round(percent * 1000) / 100000;
    act('Target not changed', () => api('POST', '/api/campaigns/' + campaignId + '/pacing', {maxAbandonRate: rate}),
        c => 'Abandonment target set to ' + formatPercent(c.maxAbandonRate) + '.');
});

targetInput.addEventListener('input', () => {
    targetEdited = true;
});

select.addEventListener('change', () => {
    location.assign('/supervisor?campaign=' + encodeURIComponent(select.value));
});

byId('sign-out').addEventListener('click', () => signOut());

async function start() {
    const params = new URLSearchParams(location.search);
    if (params.get('refused') === 'agent') {
        showNotice('The agent console is for agents: this is your supervisor dashboard.');
    }
    const me = await api('GET', '/api/me');
    if (me.role === 'AGENT') {
        location.replace('/agent?refused=supervisor');
        return;
    }
    setText(byId('user-name'), me.displayName);
    const campaigns = await api('GET', '/api/campaigns');
    if (campaigns.length === 0) {
        showNotice('You supervise no campaign yet: ask an administrator to give you one.');
        return;
    }
    const asked = Number(params.get('campaign'));
    const chosen = campaigns.find(c => c.id === asked) || campaigns[0];
    if (params.get('campaign') && chosen.id !== asked) {
        showNotice('Campaign ' + params.get('campaign') + ' is not one you supervise: showing ' + chosen.name + '.');
    }
    campaignId = chosen.id;
    fill(select, campaigns.map(c => el('option', {value: String(c.id), text: c.name})));
    select.value = String(campaignId);
    controls();
    openLive('/api/live/campaigns/' + campaignId, 'campaign', render, liveStatus);
    everySecond(tickAgents);
    watchTrunks();
}

start().catch(e => {
    if (!(e instanceof ApiError && e.status === 401)) {
        showNotice('The dashboard could not start: ' + (e instanceof ApiError ? e.describe() : String(e)));
    }
});
