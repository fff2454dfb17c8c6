// The debtor's file on the agent's screen: who, how much and how late, the number dialed (masked,
// as the server sends it), the other numbers, promises, earlier calls and notes.

import {el, fill, setText} from './dom.js';
import {serverNow} from './server-clock.js';
import {formatCode, formatDateTime, formatMoney} from './format.js';
import {portrait} from './agent-portrait.js';

const EMPTY = 'No debtor on screen. The debtor\'s file opens here when a call comes in or a lead is shown for preview.';

/**
 * Draws the screen pop into container. options: canDial (the agent may dial one of the numbers
 * now) and onDial(phone). Draws again only when something shown changed.
 */
export function createScreenPop(container, options) {
    let drawnKey = null;

    function update(pop, canDial) {
        const key = JSON.stringify([pop, canDial]);
        if (key === drawnKey) {
            return;
        }
        drawnKey = key;
        if (!pop || !pop.debtor) {
            fill(container, el('p', {class: 'empty', text: EMPTY}));
            container.dataset.debtorId = '';
            return;
        }
        container.dataset.debtorId = String(pop.debtor.id);
        fill(container,
            portrait(pop.portrait),
            head(pop.debtor),
            figures(pop),
            accounts(pop.debtor.accounts || []),
            phones(pop.debtor.phones || [], pop.dialed, canDial, options.onDial),
            promises(pop.openPromises || [], pop.brokenPromises || []),
            callbacks(pop.debtor.callbacks || []),
            earlier(pop.earlierAttempts || []),
            notes(pop.notes || []),
            addresses(pop.debtor.addresses || []));
    }

    return {update};
}

function head(debtor) {
    const flags = (debtor.flags || []).map(f => el('span', {class: 'badge is-bad', dataset: {test: 'debtor-flag'}, text: formatCode(f)}));
    return el('div', {},
        el('div', {class: 'pop-head'},
            el('h2', {class: 'debtor-name', id: 'debtor-name', dataset: {test: 'debtor-name'}, text: debtor.name || '(no name)'}),
            el('span', {class: 'flags'}, flags)),
        el('p', {class: 'pop-sub'},
            'Reference ', el('strong', {dataset: {test: 'debtor-ref'}, text: debtor.externalId || '—'}),
            debtor.timeZone ? [' · Time zone ', el('strong', {text: debtor.timeZone}), ' (', localTime(debtor.timeZone), ')'] : null,
            debtor.brokenPromises ? [' · ', el('span', {class: 'badge is-bad', text: debtor.brokenPromises + ' broken promise(s)'})] : null));
}

/** The debtor's own clock: "now 14:03 there" (kept current by refreshLocalTimes). */
function localTime(zone) {
    const text = localTimeText(zone);
    return text ? el('span', {class: 'debtor-time', dataset: {zone}, text}) : '';
}

function localTimeText(zone) {
    try {
        return 'now ' + new Intl.DateTimeFormat('en-GB', {timeZone: zone, hour: '2-digit', minute: '2-digit'})
            .format(new Date(serverNow())) + ' there';
    } catch (e) {
        return '';
    }
}

/** Moves the debtor's clock on (called every second). */
export function refreshLocalTimes(container) {
    for (const span of container.querySelectorAll('.debtor-time')) {
        setText(span, localTimeText(span.dataset.zone));
    }
}

function figures(pop) {
    const dialed = pop.dialed;
    return el('div', {class: 'figures'},
        el('div', {class: 'figure'},
            el('h3', {text: 'Total overdue'}),
            el('div', {class: 'value', dataset: {test: 'total-overdue'}, text: formatMoney(pop.totalOverdue)})),
        el('div', {class: 'figure'},
            el('h3', {text: 'Days overdue'}),
            el('div', {class: 'value', dataset: {test: 'max-days-overdue'}, text: String(pop.maxDaysOverdue ?? '—')}),
            el('div', {class: 'sub', text: 'the oldest account'})),
        el('div', {class: 'figure'},
            el('h3', {text: 'Number dialed'}),
            el('div', {class: 'value', dataset: {test: 'dialed-number'}, text: dialed ? dialed.number : '—'}),
            el('div', {class: 'sub', dataset: {test: 'dialed-type'},
                text: dialed ? formatCode(dialed.type) + (dialed.relationship ? ' · ' + dialed.relationship : '') : ''})));
}

function accounts(list) {
    if (list.length === 0) {
        return null;
    }
    return el('div', {class: 'pop-section'},
        el('h3', {text: 'Accounts'}),
        el('table', {},
            el('thead', {}, el('tr', {},
                el('th', {text: 'Account'}), el('th', {text: 'Product'}), el('th', {class: 'num', text: 'Amount overdue'}),
                el('th', {class: 'num', text: 'Days overdue'}), el('th', {text: 'Bucket'}))),
            el('tbody', {}, list.map(a => el('tr', {dataset: {test: 'account', accountId: a.id}},
                el('td', {text: a.ref || '—'}),
                el('td', {text: a.product || '—'}),
                el('td', {class: 'num', dataset: {test: 'account-amount'}, text: formatMoney(a.amountOverdue)}),
                el('td', {class: 'num', dataset: {test: 'account-days'}, text: String(a.daysOverdue)}),
                el('td', {text: a.bucket || '—'}))))));
}

function phones(list, dialed, canDial, onDial) {
    if (list.length === 0) {
        return null;
    }
    return el('div', {class: 'pop-section'},
        el('h3', {text: 'Numbers'}),
        el('table', {},
            el('thead', {}, el('tr', {},
                el('th', {text: 'Number'}), el('th', {text: 'Type'}), el('th', {text: 'Status'}),
                el('th', {class: 'num', text: 'Calls'}), el('th', {text: 'Last outcome'}), el('th', {text: ''}))),
            el('tbody', {}, list.map(p => el('tr', {dataset: {test: 'phone', phoneId: p.id}},
                el('td', {class: 'tabular'}, p.number, dialed && dialed.id === p.id ? [' ', el('span', {class: 'badge', text: 'dialed'})] : null),
                el('td', {text: formatCode(p.type) + (p.relationship ? ' (' + p.relationship + ')' : '')}),
                el('td', {}, el('span', {class: 'badge' + (p.status === 'VALID' ? ' is-good' : ' is-bad'), text: formatCode(p.status)})),
                el('td', {class: 'num', text: String(p.attempts ?? 0)}),
                el('td', {text: p.lastOutcome ? formatCode(p.lastOutcome) : '—'}),
                el('td', {}, el('button', {
                    type: 'button', class: 'btn btn-small', dataset: {test: 'dial-phone', phoneId: p.id},
                    disabled: !canDial || p.status !== 'VALID', 'aria-label': 'Dial ' + p.number,
                    onclick: () => onDial(p), text: 'Dial'})))))));
}

function promises(open, broken) {
    if (open.length === 0 && broken.length === 0) {
        return null;
    }
    const line = (p, kind) => el('li', {dataset: {test: 'promise-' + kind}},
        formatMoney(p.amount) + ' due ' + p.dueDate, ' ', el('span', {class: 'badge' + (kind === 'broken' ? ' is-bad' : ''), text: formatCode(p.status)}));
    return el('div', {class: 'pop-section'},
        el('h3', {text: 'Promises to pay'}),
        el('ul', {}, open.map(p => line(p, 'open')), broken.map(p => line(p, 'broken'))));
}

function callbacks(list) {
    const open = list.filter(c => c.status !== 'DONE' && c.status !== 'CANCELLED');
    if (open.length === 0) {
        return null;
    }
    return el('div', {class: 'pop-section'},
        el('h3', {text: 'Callbacks'}),
        el('ul', {}, open.map(c => el('li', {}, formatDateTime(c.dueAt) + (c.note ? ' — ' + c.note : '')))));
}

function earlier(list) {
    return el('div', {class: 'pop-section'},
        el('h3', {text: 'Earlier calls'}),
        list.length === 0 ? el('p', {class: 'empty', text: 'No earlier calls.'}) : el('table', {},
            el('thead', {}, el('tr', {},
                el('th', {text: 'When'}), el('th', {text: 'Number'}), el('th', {text: 'Outcome'}),
                el('th', {text: 'Disposition'}), el('th', {text: 'Agent'}))),
            el('tbody', {}, list.map(a => el('tr', {dataset: {test: 'earlier-attempt'}},
                el('td', {text: formatDateTime(a.at)}),
                el('td', {class: 'tabular', text: a.number || '—'}),
                el('td', {text: a.outcome ? formatCode(a.outcome) : '—'}),
                el('td', {text: a.dispositionLabel || a.disposition || '—'}),
                el('td', {text: a.agent || '—'}))))));
}

function notes(list) {
    if (list.length === 0) {
        return null;
    }
    return el('div', {class: 'pop-section'},
        el('h3', {text: 'Notes'}),
        el('ul', {}, list.map(n => el('li', {dataset: {test: 'note'}},
            el('strong', {text: formatDateTime(n.at) + (n.agent ? ', ' + n.agent : '') + ': '}), n.note))));
}

function addresses(list) {
    if (list.length === 0) {
        return null;
    }
    const a = list[0];
    const text = [a.line1, a.city, a.state, a.postalCode, a.country].filter(Boolean).join(', ');
    return el('div', {class: 'pop-section'}, el('h3', {text: 'Address'}), el('p', {text: text}));
}
