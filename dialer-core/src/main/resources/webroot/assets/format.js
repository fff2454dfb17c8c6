// How numbers, money, rates, times and durations read on the pages.

const money = new Intl.NumberFormat('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2});

/** An amount (a decimal string such as "1250.5" or a number) with 2 decimals: "1,250.50". */
export function formatMoney(amount) {
    if (amount === null || amount === undefined || amount === '') {
        return '—';
    }
    const n = Number(amount);
    return Number.isFinite(n) ? money.format(n) : String(amount);
}

/** A fraction as a percentage with 2 decimals: 0.0123 -> "1.23%". */
export function formatPercent(rate) {
    if (rate === null || rate === undefined || !Number.isFinite(Number(rate))) {
        return '—';
    }
    return (Number(rate) * 100).toFixed(2) + '%';
}

/** Milliseconds as m:ss, or h:mm:ss from an hour on. */
export function formatDuration(ms) {
    const total = Math.max(0, Math.floor(ms / 1000));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    const ss = String(s).padStart(2, '0');
    return h > 0 ? h + ':' + String(m).padStart(2, '0') + ':' + ss : m + ':' + ss;
}

/** An instant as local date and time of the browser: "2026-11-22 14:03". */
export function formatDateTime(iso) {
    if (!iso) {
        return '—';
    }
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) {
        return String(iso);
    }
    const pad = n => String(n).padStart(2, '0');
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':'
        + pad(d.getMinutes());
}

/** OWN_MOBILE -> "Own mobile". */
export function formatCode(code) {
    if (!code) {
        return '';
    }
    const words = String(code).toLowerCase().replace(/_/g, ' ');
    return words.charAt(0).toUpperCase() + words.slice(1);
}
