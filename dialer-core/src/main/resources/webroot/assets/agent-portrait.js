// The debtor's portrait, first in the screen pop: segment, overdue and bucket trend, payments, promises,
// contact history by number and local hour, best hours to call, flags. Numbers come masked from the server.

import {el} from './dom.js';
import {formatCode, formatDateTime, formatMoney} from './format.js';

const SEGMENT_HINTS = {
    new: 'No history yet: introduce the debt and find out how they can pay.',
    forgetful: 'First delinquency, good record: a reminder usually does it.',
    hardship: 'Paying what they can: look for a plan they can keep.',
    avoider: 'Hard to reach or breaking promises: secure a firm, small commitment now.',
    standard: ''
};

const TRENDS = {WORSENING: '↑ worsening', IMPROVING: '↓ improving', STABLE: '→ stable', UNKNOWN: ''};

function hour(h) {
    return String(h).padStart(2, '0') + ':00';
}

function tile(test, title, value, sub) {
    return el('div', {class: 'figure portrait-tile', dataset: {test}},
        el('h3', {text: title}),
        el('div', {class: 'value', dataset: {test: test + '-value'}, text: value}),
        sub ? el('div', {class: 'sub', dataset: {test: test + '-sub'}, text: sub}) : null);
}

/** The portrait's section, or null when the pop has none. */
export function portrait(p) {
    if (!p) {
        return null;
    }
    const seg = p.segment;
    const bucket = p.bucket;
    const pay = p.payments;
    const pr = p.promises;
    const c = p.contacts;
    const flags = [...(p.flags.debtor || []), ...(p.flags.accounts || []).flatMap(a => a.flags.map(f => a.ref + ': ' + f))];
    const best = p.bestHours.hours.map(h => hour(h.hour) + ' (' + Math.round(h.chance * 100) + '%)').join(', ');
    const last = c.lastConversation;
    return el('section', {class: 'pop-section portrait', dataset: {test: 'portrait', segment: seg.name}},
        el('div', {class: 'portrait-head'},
            el('h3', {text: 'Portrait'}),
            el('span', {class: 'badge segment segment-' + seg.name, dataset: {test: 'portrait-segment'}, text: formatCode(seg.name)}),
            el('span', {class: 'portrait-why', dataset: {test: 'portrait-reasons'}, text: seg.reasons.join('; ')}),
            flags.map(f => el('span', {class: 'badge is-bad', dataset: {test: 'portrait-flag'}, text: formatCode(f)}))),
        SEGMENT_HINTS[seg.name] ? el('p', {class: 'portrait-hint', text: SEGMENT_HINTS[seg.name]}) : null,
        el('div', {class: 'figures portrait-figures'},
            tile('portrait-overdue', 'Overdue', formatMoney(p.overdue.total), 'oldest ' + p.overdue.oldestDaysOverdue + ' days'),
            tile('portrait-bucket', 'Bucket', bucket.worst || '—', TRENDS[bucket.trend] || ''),
            tile('portrait-paid', 'Paid in 90 days', formatMoney(pay.paidLast90Days),
                pay.lastPaidOn ? 'last ' + formatMoney(pay.lastAmount) + ' on ' + pay.lastPaidOn : 'no payment yet'),
            tile('portrait-promises', 'Promises', pr.kept + ' kept / ' + pr.broken + ' broken',
                pr.made + ' made' + (pr.brokenInARow ? ', ' + pr.brokenInARow + ' broken in a row' : '')
                + (pr.partial ? ', ' + pr.partial + ' paid in part' : '')),
            tile('portrait-contacts', 'Contacts', c.rightPartyContacts + ' RPC / ' + c.attempts + ' calls',
                c.conversations + ' conversation(s)'),
            tile('portrait-best', 'Best hours (their time)', p.bestHours.hours.length ? hour(p.bestHours.hours[0].hour) : '—', best)),
        el('p', {class: 'portrait-last', dataset: {test: 'portrait-last'}}, last
            ? ['Last conversation ', el('strong', {text: formatDateTime(last.at)}), ' (' + last.localTime + ' for them) on ',
                el('span', {class: 'tabular', text: last.number}), last.agent ? ' with ' + last.agent : '',
                last.disposition ? ': ' + formatCode(last.disposition) : '']
            : 'No conversation yet.'),
        c.byNumber.length === 0 ? null : el('table', {class: 'portrait-numbers'},
            el('thead', {}, el('tr', {}, el('th', {text: 'Number'}), el('th', {class: 'num', text: 'Calls'}),
                el('th', {class: 'num', text: 'Talked'}), el('th', {class: 'num', text: 'RPC'}))),
            el('tbody', {}, c.byNumber.map(n => el('tr', {dataset: {test: 'portrait-number'}},
                el('td', {class: 'tabular', text: n.number + (n.type ? ' · ' + formatCode(n.type) : '')}),
                el('td', {class: 'num', text: String(n.attempts)}), el('td', {class: 'num', text: String(n.conversations)}),
                el('td', {class: 'num', text: String(n.rightPartyContacts)}))))),
        c.byLocalHour.length === 0 ? null : el('div', {class: 'portrait-hours', dataset: {test: 'portrait-hours'}},
            c.byLocalHour.map(h => el('span', {class: 'portrait-hour' + (h.conversations ? ' talked' : ''),
                title: h.attempts + ' call(s), ' + h.conversations + ' conversation(s), ' + h.rightPartyContacts + ' RPC',
                text: hour(h.hour) + ' ' + h.conversations + '/' + h.attempts}))));
}
