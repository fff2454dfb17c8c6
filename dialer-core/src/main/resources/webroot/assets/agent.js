// The agent console: the agent's own live channel (state, screen pop, dispositions) drives the
// whole page; the buttons only send requests, and what they change comes back on the channel.

import {api, ApiError, signOut} from './api.js';
import {byId, el, fill, message, setText, showNotice} from './dom.js';
import {formatDuration} from './format.js';
import {openLive, showLiveStatus} from './live.js';
import {everySecond, millisSince, millisUntil, syncServerClock} from './server-clock.js';
import {createScreenPop, refreshLocalTimes} from './agent-screen-pop.js';
import {createScriptPanel} from './agent-script.js';
import {createInboundPanel} from './agent-inbound.js';
import {createRecordingPanel} from './agent-recording.js';
import {createDispositionForm} from './agent-disposition.js';
import {createDialing} from './agent-dialing.js';
import {createTransfer} from './agent-transfer.js';
import {createBrowserPhone} from './agent-phone.js';

/** What the banner says in each state: a title and a line under it. */
const STATES = {
    LOGGED_OUT: {label: 'Not logged in', detail: v => (v.endedBecause && v.endedBecause !== 'logged out'
        ? 'Your last session ended: ' + v.endedBecause + '. ' : '') + 'Choose a campaign and start your session.'},
    CONNECTING: {label: 'Connecting your phone', detail: () => 'The dialer is calling your phone: answer it.'},
    PAUSED: {label: 'Paused', detail: v => v.pauseReason === 'logged in'
        ? 'Logged in. Press Ready to take calls.' : 'Reason: ' + (v.pauseReason || 'break') + '. Press Ready to take calls.'},
    READY: {label: 'Ready', detail: () => 'Waiting for the next call.'},
    PREVIEWING: {label: 'Preview', detail: v => 'Read the file of ' + debtorName(v) + ', then dial or skip.'},
    RESERVED: {label: 'Connecting a call', detail: v => v.manual
        ? 'Your call to ' + debtorName(v) + ' is ringing.' : v.inbound ? 'A caller is being put through to you.'
            : 'A person is being put through to you.'},
    ON_CALL: {label: 'On call', detail: v => (v.inbound ? 'The debtor called in. ' : '') + 'Talking with '
        + (v.inbound && !v.debtorId ? 'the caller' : debtorName(v)) + '.'},
    WRAP_UP: {label: 'Wrap-up', detail: () => 'The call has ended. Save its outcome.'},
};

const LOGGED_IN_ACTIONS = new Set(['CONNECTING', 'PAUSED', 'READY', 'PREVIEWING', 'RESERVED', 'ON_CALL', 'WRAP_UP']);

function debtorName(view) {
    return view.screenPop && view.screenPop.debtor ? view.screenPop.debtor.name : 'the debtor';
}

const banner = byId('state-banner');
const actionMessage = byId('action-message');
const campaignSelect = byId('campaign-select');
const buttons = {
    start: byId('btn-start-session'),
    ready: byId('btn-ready'),
    pause: byId('btn-pause'),
    hangup: byId('btn-hangup'),
    end: byId('btn-end-session'),
};

let me = null;
let campaigns = [];
let view = null;
let busy = false;
/** A pause asked for during a call: it starts when the call is over. */
let pauseAfterCall = null;
let screenPop = null;
let scriptPanel = null;
let inboundPanel = null;
let recordingPanel = null;
let disposition = null;
let dialing = null;
let transfer = null;

function campaignOf(id) {
    return campaigns.find(c => c.id === id) || null;
}

// --- what the channel says ------------------------------------------------------------------

function render(next) {
    syncServerClock(next.serverTime);
    const previous = view;
    view = next;
    const meta = STATES[next.state] || {label: next.state, detail: () => ''};
    if (!previous || previous.state !== next.state) {
        for (const name of Object.keys(STATES)) {
            banner.classList.toggle('is-state-' + name, name === next.state);
        }
        banner.dataset.state = next.state;
        banner.dataset.shownAt = String(Date.now());
    }
    if (next.state === 'PAUSED' || next.state === 'LOGGED_OUT' || next.state === 'READY' && previous && previous.state === 'PAUSED') {
        pauseAfterCall = null;
    }
    setText(byId('state-label'), meta.label);
    setText(byId('state-detail'), pauseAfterCall ? meta.detail(next) + ' Pause after this call: ' + pauseAfterCall + '.' : meta.detail(next));
    setText(byId('agent-name'), next.name || (me && me.displayName) || '');
    // only when the campaign shows agents who listens in does the server send it
    const monitored = byId('monitored-by');
    monitored.hidden = !next.monitoredBy;
    setText(monitored, next.monitoredBy ? 'Monitored by ' + next.monitoredBy : '');
    const campaign = campaignOf(next.campaignId);
    setText(byId('campaign-name'), campaign ? 'Campaign: ' + campaign.name : next.campaignId ? 'Campaign ' + next.campaignId : '');
    if (next.campaignId && campaignSelect.value !== String(next.campaignId) && campaign) {
        campaignSelect.value = String(next.campaignId);
    }
    disposition.update(next);
    dialing.update(next, campaign ? campaign.dialMode : null);
    // the dial buttons of the screen pop follow what the agent may do now
    screenPop.update(next.screenPop, dialing.canDial());
    scriptPanel.update(next);
    inboundPanel.update(next);
    recordingPanel.update(next);
    transfer.update(next);
    controls();
    tick();
}

function controls() {
    const state = view ? view.state : null;
    const loggedIn = LOGGED_IN_ACTIONS.has(state);
    buttons.start.disabled = busy || state !== 'LOGGED_OUT' || !campaignSelect.value;
    campaignSelect.disabled = busy || state !== 'LOGGED_OUT';
    const onCall = state === 'RESERVED' || state === 'ON_CALL' || state === 'WRAP_UP';
    buttons.ready.disabled = busy || !(state === 'PAUSED' || state === 'CONNECTING' || onCall && pauseAfterCall);
    buttons.ready.textContent = onCall && pauseAfterCall ? 'Stay ready' : 'Ready';
    buttons.pause.disabled = busy || !loggedIn;
    buttons.hangup.disabled = busy || state !== 'ON_CALL';
    buttons.end.disabled = busy || !loggedIn || state === 'ON_CALL' || state === 'RESERVED';
}

/** Every second: time in state, and the wrap-up countdown. */
function tick() {
    if (!view) {
        return;
    }
    setText(byId('state-timer'), view.since && view.state !== 'LOGGED_OUT' ? formatDuration(millisSince(view.since)) : '—');
    const wrapUp = byId('wrapup-box');
    const counting = view.state === 'WRAP_UP' && view.wrapUpEndsAt;
    wrapUp.hidden = !counting;
    if (counting) {
        const left = millisUntil(view.wrapUpEndsAt);
        setText(byId('wrapup-countdown'), formatDuration(left + 999));
        wrapUp.classList.toggle('is-urgent', left < 15000);
    }
    refreshLocalTimes(byId('screen-pop'));
}

function liveStatus(status, why) {
    showLiveStatus(status);
    if (status === 'refused') {
        showNotice('This console cannot be shown: ' + why);
    }
}

// --- what the buttons do --------------------------------------------------------------------

async function act(what, request, after) {
    busy = true;
    controls();
    message(actionMessage, '', '');
    try {
        const answer = await request();
        if (after) {
            after(answer);
        }
    } catch (e) {
        message(actionMessage, what + ' did not work: ' + (e instanceof ApiError ? e.describe() : String(e)), 'error');
    } finally {
        busy = false;
        controls();
    }
}

function agentPath(action) {
    return '/api/agents/' + me.agentId + '/' + action;
}

buttons.start.addEventListener('click', () => act('Starting the session',
    () => api('POST', agentPath('login'), {campaignId: Number(campaignSelect.value), ready: false})));

buttons.ready.addEventListener('click', () => act('Ready', () => api('POST', agentPath('ready')), () => {
    pauseAfterCall = null;
}));

buttons.pause.addEventListener('click', () => {
    const reason = byId('pause-reason').value;
    const during = view && (view.state === 'RESERVED' || view.state === 'ON_CALL' || view.state === 'WRAP_UP');
    act('Pause', () => api('POST', agentPath('pause'), {reason}), () => {
        pauseAfterCall = during ? reason : null;
        if (during) {
            message(actionMessage, 'You will be paused (' + reason + ') when this call is over.', 'ok');
        }
    });
});

buttons.hangup.addEventListener('click', () => act('Hang up', () => api('POST', agentPath('hangup'))));

buttons.end.addEventListener('click', () => act('Ending the session', () => api('POST', agentPath('logout'))));

campaignSelect.addEventListener('change', controls);

byId('sign-out').addEventListener('click', () => signOut());

// --- start ----------------------------------------------------------------------------------

async function start() {
    const params = new URLSearchParams(location.search);
    if (params.get('refused') === 'supervisor') {
        showNotice('The supervisor dashboard is for supervisors only: this is your agent console.');
    }
    me = await api('GET', '/api/me');
    if (me.role !== 'AGENT') {
        location.replace('/supervisor?refused=agent');
        return;
    }
    setText(byId('agent-name'), me.displayName);
    if (me.agentId === null || me.agentId === undefined) {
        showNotice('Your account is not linked to an agent: ask an administrator to link it.');
        return;
    }
    campaigns = await api('GET', '/api/campaigns');
    fill(campaignSelect, campaigns.length === 0
        ? el('option', {value: '', text: 'No campaign is running'})
        : campaigns.map(c => el('option', {value: String(c.id),
            text: c.name + (c.status === 'PAUSED' ? ' (paused)' : '') + ' — ' + c.dialMode.toLowerCase()})));
    screenPop = createScreenPop(byId('screen-pop'), {onDial: phone => dialing.dialPhone(phone)});
    scriptPanel = createScriptPanel(byId('script-panel'));
    inboundPanel = createInboundPanel(byId('inbound-panel'), me.agentId);
    recordingPanel = createRecordingPanel(byId('recording-panel'));
    disposition = createDispositionForm();
    dialing = createDialing(me.agentId);
    transfer = createTransfer(me.agentId);
    controls();
    createBrowserPhone(me.agentId).catch(e => showNotice('The browser phone could not start: '
        + (e instanceof ApiError ? e.describe() : String(e))));
    openLive('/api/live/agent', 'agent', render, liveStatus);
    everySecond(tick);
}

start().catch(e => {
    if (!(e instanceof ApiError && e.status === 401)) {
        showNotice('The console could not start: ' + (e instanceof ApiError ? e.describe() : String(e)));
    }
});
