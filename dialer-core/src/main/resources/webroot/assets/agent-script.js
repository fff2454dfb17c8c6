// The call's script beside the screen pop: the steps with the debtor's fields filled in, chosen by
// the debtor's segment and the situation the agent picks, and the disclosures to read, each ticked
// once read (the server keeps who read it and when, with the call).

import {api, ApiError} from './api.js';
import {el, fill, setText} from './dom.js';
import {formatCode} from './format.js';

const SITUATIONS = ['RIGHT_PARTY', 'THIRD_PARTY', 'BROKEN_PROMISE', 'HARDSHIP'];

/** Shows the script of the agent's current call in panel; update(view) with each state the server pushes. */
export function createScriptPanel(panel) {
    const body = panel.querySelector('[data-role=script-body]');
    const message = panel.querySelector('[data-role=script-message]');
    let attemptId = null;
    let situation = null;
    let script = null;

    async function load() {
        const asked = attemptId;
        try {
            const next = await api('GET', '/api/attempts/' + asked + '/script' + (situation ? '?situation=' + situation : ''));
            if (asked === attemptId) {
                script = next;
                situation = next.situation;
                draw();
            }
        } catch (e) {
            setText(message, 'The script could not be loaded: ' + (e instanceof ApiError ? e.describe() : String(e)));
        }
    }

    async function read(disclosureId) {
        try {
            script = await api('POST', '/api/attempts/' + attemptId + '/disclosures', {disclosureId, situation});
            setText(message, '');
            draw();
        } catch (e) {
            setText(message, 'Not recorded: ' + (e instanceof ApiError ? e.describe() : String(e)));
            draw();
        }
    }

    function draw() {
        fill(body,
            el('p', {class: 'pop-sub'}, el('strong', {dataset: {test: 'script-name'}, text: script.name}),
                ' · segment ', el('span', {class: 'badge', dataset: {test: 'script-segment'}, text: script.segment})),
            el('div', {class: 'code-grid', role: 'group', 'aria-label': 'Who you are speaking with'},
                SITUATIONS.map(s => el('button', {type: 'button', class: 'btn btn-small' + (s === script.situation ? ' is-chosen' : ' btn-quiet'),
                    'aria-pressed': s === script.situation ? 'true' : 'false', dataset: {test: 'situation-' + s},
                    onclick: () => { situation = s; load(); }, text: formatCode(s)}))),
            script.disclosures.length === 0 ? null : el('div', {class: 'disclosures', dataset: {test: 'disclosures'}},
                script.disclosures.map(d => el('label', {class: 'check disclosure' + (d.readAt ? ' is-read' : ''),
                    dataset: {test: 'disclosure-' + d.id}},
                el('input', {type: 'checkbox', checked: !!d.readAt, disabled: !!d.readAt,
                    onchange: () => read(d.id)}),
                el('span', {}, el('strong', {text: d.required ? 'Read word for word: ' : 'Read: '}), d.text,
                    d.readAt ? el('span', {class: 'hint', text: ' (read ' + new Date(d.readAt).toLocaleTimeString() + ')'}) : null)))),
            el('ol', {class: 'script-steps', dataset: {test: 'script-steps'}},
                script.steps.map(s => el('li', {}, el('strong', {text: s.title}), ' ', s.text))));
    }

    function update(view) {
        // a caller whose number matched no single debtor has no script until the agent says who it is
        const current = (view.state === 'ON_CALL' || view.state === 'WRAP_UP') && view.debtorId ? view.attemptId ?? null : null;
        panel.hidden = current === null;
        if (current === attemptId) {
            return;
        }
        attemptId = current;
        situation = null;
        script = null;
        setText(message, '');
        fill(body);
        if (current !== null) {
            load();
        }
    }

    return {update};
}
