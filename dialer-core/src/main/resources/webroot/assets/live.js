// A live channel: server-sent events carrying the whole view each time. Never polls. The stream
// ending with `end` (the session ended) or being refused with 401 sends the browser to sign in; an
// `end` with `refused` (this user may no longer watch it) shows as refused.

import {toLogin} from './api.js';

const SESSION_ENDED = 'Your session has ended. Please sign in again.';

/**
 * Opens url and calls onView(view) for each `eventName` event; onStatus(status, message) tells how
 * the channel is doing: 'live', 'reconnecting' or 'refused' (this user may not watch it).
 * Returns a function that closes the channel.
 */
export function openLive(url, eventName, onView, onStatus) {
    let source = null;
    let retryTimer = null;
    let closed = false;

    function connect() {
        source = new EventSource(url);
        source.addEventListener('open', () => onStatus('live'));
        source.addEventListener(eventName, event => {
            let view;
            try {
                view = JSON.parse(event.data);
            } catch (e) {
                return;
            }
            onView(view);
        });
        source.addEventListener('end', event => {
            let reason = SESSION_ENDED;
            let refused = false;
            try {
                const data = JSON.parse(event.data);
                reason = data.reason || reason;
                refused = data.refused === true;
            } catch (e) {
                // keep the default
            }
            stop();
            if (refused) {
                // still signed in, but no longer allowed to watch this
                onStatus('refused', reason);
            } else {
                toLogin(reason);
            }
        });
        source.addEventListener('error', () => {
            if (closed) {
                return;
            }
            if (source.readyState === EventSource.CLOSED) {
                whyClosed();
            } else {
                onStatus('reconnecting'); // the browser reconnects by itself
            }
        });
    }

    /** The browser gave up on the stream (an answer other than 200): ask once why. */
    async function whyClosed() {
        let status = 0;
        let body = {};
        try {
            const response = await fetch(url, {credentials: 'same-origin', headers: {accept: 'text/event-stream'}});
            status = response.status;
            if (response.ok) {
                await response.body.cancel();
            } else {
                body = await response.json().catch(() => ({}));
            }
        } catch (e) {
            // the server is away
        }
        if (closed) {
            return;
        }
        if (status === 401) {
            stop();
            toLogin(SESSION_ENDED);
        } else if (status === 403 || status === 404) {
            stop();
            onStatus('refused', body.error || 'not allowed');
        } else {
            onStatus('reconnecting');
            retryTimer = setTimeout(connect, 3000);
        }
    }

    function stop() {
        closed = true;
        clearTimeout(retryTimer);
        if (source) {
            source.close();
        }
    }

    connect();
    return stop;
}

/** Shows how a live channel is doing in the page's #live-status badge: Live, Reconnecting… or Not allowed. */
export function showLiveStatus(status) {
    const box = document.getElementById('live-status');
    box.classList.toggle('is-live', status === 'live');
    box.classList.toggle('is-down', status !== 'live');
    box.textContent = status === 'live' ? 'Live' : status === 'refused' ? 'Not allowed' : 'Reconnecting…';
}
