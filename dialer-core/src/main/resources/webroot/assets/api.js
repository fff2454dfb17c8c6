// Calls to the dialer's JSON API with the session cookie. A 401 sends the browser to sign in.

/** An answer other than 2xx: the status and the server's JSON ({error, problems[], blocked[]}). */
export class ApiError extends Error {
    constructor(status, body) {
        super(body && body.error ? body.error : 'the server answered ' + status);
        this.status = status;
        this.body = body || {};
    }

    /** Problems of a 400, as [{field, problem}]. */
    get problems() {
        return Array.isArray(this.body.problems) ? this.body.problems : [];
    }

    /** Rules of the compliance guard that blocked a call, as [{rule, reason}]. */
    get blocked() {
        return Array.isArray(this.body.blocked) ? this.body.blocked : [];
    }

    /** The whole message, with each problem of a 400. */
    describe() {
        const parts = this.problems.map(p => p.field + ': ' + p.problem);
        return parts.length ? this.message + ': ' + parts.join('; ') : this.message;
    }
}

/** Where a page may send the browser back to after sign-in: only our own pages. */
export function safeNext(next) {
    return typeof next === 'string' && /^\/(agent|supervisor)(\?campaign=\d+)?$/.test(next) ? next : null;
}

/** Set once the user asked to sign out: the streams the server then closes must not say the session ended. */
let signingOut = false;

/** Leaves for the sign-in page, coming back here afterwards (not while the user is signing out). */
export function toLogin(reason) {
    if (signingOut) {
        return;
    }
    const params = new URLSearchParams();
    const here = location.pathname + location.search;
    if (safeNext(here)) {
        params.set('next', here);
    }
    if (reason) {
        params.set('reason', reason);
    }
    const query = params.toString();
    location.assign('/login' + (query ? '?' + query : ''));
}

/** Sends a request; resolves with the JSON answer, rejects with an ApiError. */
export async function api(method, path, body) {
    const init = {method, credentials: 'same-origin', headers: {accept: 'application/json'}};
    if (body !== undefined) {
        init.headers['content-type'] = 'application/json';
        init.body = JSON.stringify(body);
    }
    let response;
    try {
        response = await fetch(path, init);
    } catch (e) {
        throw new ApiError(0, {error: 'the dialer cannot be reached; check the network and try again'});
    }
    const text = await response.text();
    let data = null;
    if (text) {
        try {
            data = JSON.parse(text);
        } catch (e) {
            data = {error: text.slice(0, 200)};
        }
    }
    if (response.status === 401 && path !== '/api/login') {
        toLogin('Your session has ended. Please sign in again.');
        throw new ApiError(401, data);
    }
    if (!response.ok) {
        throw new ApiError(response.status, data);
    }
    return data;
}

/** Signs out and goes to the sign-in page. */
export async function signOut() {
    signingOut = true;
    try {
        await api('POST', '/api/logout');
    } finally {
        location.assign('/login');
    }
}
