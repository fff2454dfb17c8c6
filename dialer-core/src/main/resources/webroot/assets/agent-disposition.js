// The outcome of a call: one of the campaign's agent codes, a note, and what the code asks for
// (a promise to pay: amount and due date; a callback: when and for whom). It may be saved during
// the call (then no wrap-up follows) or in wrap-up, before the countdown runs out.

import {api, ApiError} from './api.js';
import {byId, el, fill, message} from './dom.js';
import {formatMoney} from './format.js';
import {serverDate} from './server-clock.js';
import {currentPlan, planSavedText} from './agent-plan.js';

const AMOUNT = /^\d{1,9}(\.\d{1,2})?$/;
const FIELD_INPUTS = {
    'promise.amount': 'promise-amount',
    'promise.dueDate': 'promise-due',
    'callback.at': 'callback-at',
    note: 'disposition-note',
};

export function createDispositionForm() {
    const form = byId('disposition-form');
    const fieldset = byId('disposition-fieldset');
    const status = byId('disposition-status');
    const codesBox = byId('disposition-codes');
    const result = byId('disposition-message');
    const promiseFields = byId('promise-fields');
    const callbackFields = byId('callback-fields');
    const amount = byId('promise-amount');
    const due = byId('promise-due');
    const accountField = byId('promise-account-field');
    const account = byId('promise-account');
    const callbackAt = byId('callback-at');
    const note = byId('disposition-note');

    let codes = [];
    let codesKey = null;
    let attemptId = null;
    let drawnDebtor;
    let wrappingUp = false;
    let view = null;
    let sending = false;
    const saved = new Set();

    function selected() {
        const input = form.querySelector('input[name="code"]:checked');
        return input ? codes.find(c => c.code === input.value) : null;
    }

    function drawCodes() {
        fill(codesBox, codes.length === 0
            ? el('p', {class: 'empty', text: 'This campaign has no outcome codes for agents.'})
            : codes.map(c => el('label', {class: 'code-tile', dataset: {test: 'code-' + c.code}},
                el('input', {type: 'radio', name: 'code', value: c.code, onchange: codeChosen}),
                el('span', {text: c.label || c.code}))));
    }

    /** The promise or callback fields appear, and are required, for the codes that need them. */
    function codeChosen() {
        const code = selected();
        promiseFields.hidden = !(code && code.needsPromise);
        callbackFields.hidden = !(code && code.needsCallback);
        amount.required = !promiseFields.hidden;
        due.required = !promiseFields.hidden;
        callbackAt.required = !callbackFields.hidden;
        clearProblem('code');
    }

    function resetFields() {
        form.querySelectorAll('input[name="code"]').forEach(r => {
            r.checked = false;
        });
        amount.value = '';
        due.value = '';
        callbackAt.value = '';
        byId('callback-asked').checked = false;
        note.value = '';
        form.querySelector('input[name="callback-owner"][value="me"]').checked = true;
        clearProblems();
        codeChosen();
        message(result, '', '');
    }

    /** Fields that depend on the debtor: date limits in their zone, their accounts. */
    function debtorFields(pop) {
        const zone = pop && pop.debtor ? pop.debtor.timeZone : null;
        due.min = serverDate(zone, 0);
        due.max = serverDate(zone, 365);
        byId('callback-zone').textContent = zone ? '(the debtor\'s time, ' + zone + ')' : '(the debtor\'s time)';
        const accounts = pop && pop.debtor ? pop.debtor.accounts || [] : [];
        accountField.hidden = accounts.length < 2;
        fill(account, el('option', {value: '', text: 'All of the debt'}),
            accounts.map(a => el('option', {value: String(a.id), text: (a.ref || 'account ' + a.id) + ' — ' + formatMoney(a.amountOverdue)})));
    }

    function update(next) {
        view = next;
        if (Array.isArray(next.dispositions)) {
            // the campaign's own codes for agents; system codes (busy, no answer...) are not for agents
            const agentCodes = next.dispositions.filter(d => d.kind === 'AGENT');
            const key = JSON.stringify(agentCodes);
            if (key !== codesKey) {
                codesKey = key;
                codes = agentCodes;
                drawCodes();
                codeChosen();
            }
        } else if (codesKey === null) {
            fill(codesBox, el('p', {class: 'empty', text: 'The campaign\'s outcome codes show here once your session starts.'}));
        }
        const current = next.state === 'ON_CALL' || next.state === 'WRAP_UP' ? next.attemptId ?? null : null;
        if (current !== attemptId) {
            if (current !== null) {
                resetFields();
            } else if (wrappingUp && next.state !== 'LOGGED_OUT' && !saved.has(attemptId) && !sending) {
                // the wrap-up ran out before the outcome was saved: the system wrote NO_DISPOSITION
                message(result, 'Time ran out: the call was recorded without an outcome (NO_DISPOSITION).', 'error');
            }
            attemptId = current;
        }
        if (attemptId !== null && next.disposed) {
            // saved already (from this page before a reload, or another tab): the form stays shut
            saved.add(attemptId);
        }
        wrappingUp = next.state === 'WRAP_UP';
        const debtor = next.screenPop && next.screenPop.debtor;
        const debtorKey = debtor ? JSON.stringify([debtor.id, debtor.timeZone, debtor.accounts]) : null;
        if (debtorKey !== drawnDebtor) {
            drawnDebtor = debtorKey;
            debtorFields(next.screenPop);
        }
        refresh();
    }

    function refresh() {
        const open = attemptId !== null && !saved.has(attemptId) && !sending;
        fieldset.disabled = !open;
        form.dataset.attemptId = attemptId === null ? '' : String(attemptId);
        if (attemptId === null) {
            status.textContent = 'The form opens when you are on a call.';
        } else if (saved.has(attemptId)) {
            status.textContent = 'The outcome of this call is saved.';
        } else if (view.state === 'ON_CALL') {
            status.textContent = 'You may save the outcome during the call: no wrap-up follows then.';
        } else {
            status.textContent = 'The call has ended: save its outcome before the time runs out.';
        }
    }

    function clearProblem(field) {
        const box = form.querySelector('.field-error[data-field="' + field + '"]');
        if (box) {
            box.textContent = '';
        }
        const input = FIELD_INPUTS[field] ? byId(FIELD_INPUTS[field]) : null;
        if (input) {
            input.removeAttribute('aria-invalid');
        }
    }

    function clearProblems() {
        form.querySelectorAll('.field-error').forEach(box => {
            box.textContent = '';
        });
        form.querySelectorAll('[aria-invalid]').forEach(input => input.removeAttribute('aria-invalid'));
    }

    /** Shows each problem next to its field; returns those that have no field on the form. */
    function showProblems(problems) {
        const elsewhere = [];
        let first = null;
        for (const p of problems) {
            const box = form.querySelector('.field-error[data-field="' + p.field + '"]');
            if (!box) {
                elsewhere.push(p);
                continue;
            }
            box.textContent = p.problem;
            const input = FIELD_INPUTS[p.field] ? byId(FIELD_INPUTS[p.field]) : form.querySelector('input[name="code"]');
            if (input) {
                input.setAttribute('aria-invalid', 'true');
                first = first || input;
            }
        }
        if (first) {
            first.focus();
        }
        return elsewhere;
    }

    /** The request body from the form, or the problems that keep it from being sent. */
    function read() {
        const code = selected();
        const problems = [];
        const body = {};
        if (!code) {
            problems.push({field: 'code', problem: 'choose the outcome of the call'});
        } else {
            body.code = code.code;
        }
        if (note.value.trim()) {
            body.note = note.value.trim();
        }
        const plan = code && code.needsPromise ? currentPlan() : null;
        if (plan) {
            problems.push(...plan.problems);
            body.plan = plan.plan;
        } else if (code && code.needsPromise) {
            const value = amount.value.trim().replace(/,/g, '');
            if (!AMOUNT.test(value) || Number(value) <= 0) {
                problems.push({field: 'promise.amount', problem: 'enter the amount promised, e.g. 150.00 (at most 2 decimals)'});
            }
            if (!due.value) {
                problems.push({field: 'promise.dueDate', problem: 'choose the date the debtor will pay'});
            }
            body.promise = {amount: value, dueDate: due.value};
            if (account.value) {
                body.promise.accountId = Number(account.value);
            }
        }
        if (code && code.needsCallback) {
            if (!callbackAt.value) {
                problems.push({field: 'callback.at', problem: 'choose when to call back'});
            }
            const owner = form.querySelector('input[name="callback-owner"]:checked');
            body.callback = {at: callbackAt.value.slice(0, 16), owner: owner ? owner.value : 'me',
                askedByDebtor: byId('callback-asked').checked};
        }
        return {body, problems, code};
    }

    function savedText(code, body) {
        let text = 'Saved: ' + (code.label || code.code);
        if (body.promise) {
            text += ' — ' + formatMoney(body.promise.amount) + ' due ' + body.promise.dueDate;
        }
        if (body.plan) {
            text += ' — ' + planSavedText(body.plan);
        }
        if (body.callback) {
            text += ' — call back ' + body.callback.at.replace('T', ' ');
        }
        return text + (view && view.state === 'ON_CALL' ? '. Hang up when the call is over.' : '.');
    }

    form.addEventListener('submit', async event => {
        event.preventDefault();
        if (attemptId === null || saved.has(attemptId) || sending) {
            return;
        }
        clearProblems();
        const {body, problems, code} = read();
        if (problems.length > 0) {
            showProblems(problems);
            message(result, 'Check the fields marked in red.', 'error');
            return;
        }
        const forAttempt = attemptId;
        sending = true;
        refresh();
        message(result, 'Saving…', '');
        try {
            const answer = await api('POST', '/api/attempts/' + forAttempt + '/disposition', body);
            result.dataset.savedAt = String(Date.now());
            result.dataset.savedAttempt = String(forAttempt);
            result.dataset.savedCode = code.code;
            saved.add(forAttempt);
            message(result, savedText(code, body) + (answer && answer.kept
                ? ' The database is out of reach for a moment: the dialer keeps it and writes it as soon as it is back.'
                : ''), 'ok');
        } catch (e) {
            if (e instanceof ApiError && e.status === 400 && e.problems.length > 0) {
                const elsewhere = showProblems(e.problems);
                message(result, 'Not saved: ' + (elsewhere.length > 0
                    ? elsewhere.map(p => p.field + ': ' + p.problem).join('; ')
                    : 'check the fields marked in red.'), 'error');
            } else {
                message(result, 'Not saved: ' + (e instanceof ApiError ? e.describe() : String(e)), 'error');
            }
        } finally {
            sending = false;
            refresh();
        }
    });

    return {update};
}
