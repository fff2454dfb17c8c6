// Sign-in: POST /api/login sets the session cookie; then the page for the user's role.

import {api, ApiError, safeNext} from './api.js';
import {byId, message} from './dom.js';

const form = byId('login-form');
const error = byId('login-error');
const submit = byId('login-submit');
const params = new URLSearchParams(location.search);

/** The page a user goes to: the one they came from if their role may see it, else their own. */
function destination(user) {
    const home = user.role === 'AGENT' ? '/agent' : '/supervisor';
    const next = safeNext(params.get('next'));
    if (next && (next.startsWith('/agent') ? user.role === 'AGENT' : user.role !== 'AGENT')) {
        return next;
    }
    return home;
}

function showReason() {
    const reason = params.get('reason');
    if (reason) {
        const notice = byId('login-notice');
        notice.textContent = reason.slice(0, 200);
        notice.hidden = false;
    }
}

/** Already signed in (a page reloaded, say): straight on. Plain fetch: a 401 here is expected. */
async function alreadySignedIn() {
    try {
        const response = await fetch('/api/me', {credentials: 'same-origin', headers: {accept: 'application/json'}});
        if (response.ok) {
            location.replace(destination(await response.json()));
        }
    } catch (e) {
        // not signed in, or the server is away: stay here
    }
}

form.addEventListener('submit', async event => {
    event.preventDefault();
    const username = byId('username').value.trim();
    const password = byId('password').value;
    if (!username || !password) {
        message(error, 'Enter your user name and your password.', 'error');
        (username ? byId('password') : byId('username')).focus();
        return;
    }
    submit.disabled = true;
    message(error, '', '');
    try {
        const answer = await api('POST', '/api/login', {username, password});
        location.assign(destination(answer.user));
    } catch (e) {
        submit.disabled = false;
        if (e instanceof ApiError && e.status === 401) {
            message(error, 'Wrong user name or password.', 'error');
            byId('password').value = '';
            byId('password').focus();
        } else if (e instanceof ApiError && e.status === 429) {
            message(error, e.message.charAt(0).toUpperCase() + e.message.slice(1) + '.', 'error');
        } else {
            message(error, e instanceof ApiError ? e.describe() : String(e), 'error');
        }
    }
});

showReason();
alreadySignedIn();
