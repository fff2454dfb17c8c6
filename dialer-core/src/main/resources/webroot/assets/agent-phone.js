// The browser phone of the agent console (an agent whose phoneType is WEBRTC): it registers with
// Asterisk over SIP on a WebSocket (JsSIP, from npm through the build: /vendor/jssip.min.js),
// answers the session call the dialer places to it at once, plays the caller, and shows mute and
// the audio levels both ways. A reloaded page registers again (its contact replaces the old one).

import {api} from './api.js';
import {byId, setText} from './dom.js';

const STATS_EVERY_MS = 250;

/** Starts the browser phone when the agent has one; resolves to it, or to null. */
export async function createBrowserPhone(agentId) {
    const panel = byId('phone-panel');
    const info = await api('GET', '/api/agents/' + agentId + '/phone');
    if (info.phoneType !== 'WEBRTC') {
        panel.hidden = true;
        return null;
    }
    panel.hidden = false;
    const statusNode = byId('phone-status');
    const muteButton = byId('btn-phone-mute');
    const audio = byId('phone-audio');
    const levelIn = byId('phone-level-in');
    const levelOut = byId('phone-level-out');
    const phone = {registered: false, inCall: false, muted: false, stats: {packetsSent: 0, packetsReceived: 0, levelIn: 0, levelOut: 0}};
    let session = null;
    let statsTimer = null;

    function show(state, text) {
        panel.dataset.state = state;
        setText(statusNode, text);
    }

    if (!window.JsSIP) {
        show('error', 'The phone could not start: its library did not load.');
        return phone;
    }
    window.JsSIP.debug.disable('JsSIP:*');
    const ua = new window.JsSIP.UA({
        sockets: [new window.JsSIP.WebSocketInterface(info.wsUrl)],
        uri: info.sipUri,
        password: info.password,
        register: true,
        register_expires: 120,
        session_timers: false,
        user_agent: 'collections-dialer agent console',
    });
    ua.on('connecting', () => show('connecting', 'Connecting to the phone system…'));
    ua.on('disconnected', () => {
        phone.registered = false;
        show('disconnected', 'The phone system is out of reach; trying again…');
    });
    ua.on('registered', () => {
        phone.registered = true;
        if (!phone.inCall) {
            show('registered', 'Ready: the dialer calls this page when your session starts.');
        }
    });
    ua.on('unregistered', () => {
        phone.registered = false;
        show('unregistered', 'Not registered.');
    });
    ua.on('registrationFailed', e => {
        phone.registered = false;
        show('failed', 'The phone could not register: ' + (e.cause || 'refused') + '.');
    });
    ua.on('newRTCSession', e => {
        if (e.originator !== 'remote') {
            return;
        }
        if (session) {
            e.session.terminate({status_code: 486});
            return;
        }
        session = e.session;
        session.on('peerconnection', pc => listenForAudio(pc.peerconnection));
        session.on('confirmed', () => {
            phone.inCall = true;
            muteButton.disabled = false;
            show('in-call', 'On the line with the dialer (' + callerName(session) + ').');
            statsTimer = setInterval(readStats, STATS_EVERY_MS);
        });
        const ended = () => {
            session = null;
            phone.inCall = false;
            phone.muted = false;
            muteButton.disabled = true;
            setText(muteButton, 'Mute');
            clearInterval(statsTimer);
            levelIn.style.width = '0%';
            levelOut.style.width = '0%';
            show(phone.registered ? 'registered' : 'unregistered', phone.registered
                ? 'Ready: the dialer calls this page when your session starts.' : 'Not registered.');
        };
        session.on('ended', ended);
        session.on('failed', ended);
        // the session call is the dialer's: answered at once, audio only
        session.answer({mediaConstraints: {audio: true, video: false}, pcConfig: {iceServers: []}});
        if (session.connection) {
            listenForAudio(session.connection);
        }
    });

    const heard = new WeakSet();

    function listenForAudio(pc) {
        if (heard.has(pc)) {
            return;
        }
        heard.add(pc);
        pc.addEventListener('track', ev => {
            audio.srcObject = ev.streams && ev.streams[0] ? ev.streams[0] : new MediaStream([ev.track]);
            audio.play().catch(() => { /* the page has had no click yet: the levels still show */ });
        });
    }

    async function readStats() {
        if (!session || !session.connection) {
            return;
        }
        const report = await session.connection.getStats();
        const next = {packetsSent: 0, packetsReceived: 0, levelIn: 0, levelOut: 0};
        report.forEach(s => {
            if (s.kind !== 'audio' && s.mediaType !== 'audio') {
                return;
            }
            if (s.type === 'outbound-rtp') {
                next.packetsSent += s.packetsSent || 0;
            } else if (s.type === 'inbound-rtp') {
                next.packetsReceived += s.packetsReceived || 0;
                next.levelIn = Math.max(next.levelIn, s.audioLevel || 0);
            } else if (s.type === 'media-source') {
                next.levelOut = Math.max(next.levelOut, s.audioLevel || 0);
            }
        });
        phone.stats = next;
        levelIn.style.width = Math.round(Math.min(1, Math.sqrt(next.levelIn)) * 100) + '%';
        levelOut.style.width = phone.muted ? '0%' : Math.round(Math.min(1, Math.sqrt(next.levelOut)) * 100) + '%';
        panel.dataset.packetsSent = String(next.packetsSent);
        panel.dataset.packetsReceived = String(next.packetsReceived);
    }

    muteButton.addEventListener('click', () => {
        if (!session) {
            return;
        }
        if (phone.muted) {
            session.unmute({audio: true});
        } else {
            session.mute({audio: true});
        }
        phone.muted = !phone.muted;
        panel.dataset.muted = String(phone.muted);
        setText(muteButton, phone.muted ? 'Unmute' : 'Mute');
        muteButton.setAttribute('aria-pressed', String(phone.muted));
    });

    // leaving or reloading the page hangs the phone up and unregisters; the page that loads next registers anew
    window.addEventListener('pagehide', () => ua.stop());
    ua.start();
    window.dialerPhone = phone;
    return phone;
}

function callerName(session) {
    const identity = session.remote_identity;
    return identity && identity.display_name ? identity.display_name : 'the dialer';
}
