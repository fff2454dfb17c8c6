// The server's clock as the browser sees it: time in state is counted from the server's `since`
// with the offset between the server's `serverTime` and this browser's clock.

let offsetMillis = 0;

/** Takes the offset from a view's serverTime (an ISO instant). */
export function syncServerClock(serverTime) {
    const t = Date.parse(serverTime);
    if (Number.isFinite(t)) {
        offsetMillis = t - Date.now();
    }
}

export function serverNow() {
    return Date.now() + offsetMillis;
}

/** Milliseconds since an instant of the server's clock (never negative). */
export function millisSince(iso) {
    const t = Date.parse(iso);
    return Number.isFinite(t) ? Math.max(0, serverNow() - t) : 0;
}

/** Milliseconds until an instant of the server's clock (never negative). */
export function millisUntil(iso) {
    const t = Date.parse(iso);
    return Number.isFinite(t) ? Math.max(0, t - serverNow()) : 0;
}

/** Calls fn every second, on the second of the browser's clock. */
export function everySecond(fn) {
    fn();
    setTimeout(() => {
        fn();
        setInterval(fn, 1000);
    }, 1000 - (Date.now() % 1000));
}

/** The server's calendar date in a zone, as YYYY-MM-DD (for date fields' defaults and limits). */
export function serverDate(zone, plusDays) {
    const d = new Date(serverNow() + (plusDays || 0) * 86400000);
    try {
        return new Intl.DateTimeFormat('en-CA', {timeZone: zone || 'UTC', year: 'numeric', month: '2-digit', day: '2-digit'})
            .format(d);
    } catch (e) {
        return d.toISOString().slice(0, 10);
    }
}
