// The payment plan of a promise to pay: instead of one payment, a number of instalments from a
// first date at a frequency, their amounts computed from the total (and editable), optionally a
// settlement offer (a discount on the balance). The campaign's rules are checked by the server
// (POST /api/attempts/{id}/plan-check) as the agent types, and what they break is shown next to
// each field before the outcome is saved. agent-disposition.js asks currentPlan() what to send.

import {api, ApiError} from './api.js';
import {byId, el, fill} from './dom.js';
import {formatMoney} from './format.js';

const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;
const FREQUENCIES = [['MONTHLY', 'Monthly'], ['BIWEEKLY', 'Every two weeks'], ['WEEKLY', 'Weekly']];

let form;
let box;
let rowsBox;
let summary;
let mode = 'single';
let rows = [];
let checkTimer = null;
let checkSeq = 0;
const inputs = {};

/** The plan to send with the disposition, with the problems the form sees itself; null when the agent gives one payment. */
export function currentPlan() {
    if (!box || mode !== 'plan' || byId('promise-fields').hidden) {
        return null;
    }
    const problems = [];
    const instalments = rows.map((r, i) => {
        const amount = r.amount.value.trim().replace(/,/g, '');
        if (!AMOUNT.test(amount) || Number(amount) <= 0) {
            problems.push({field: 'plan.instalments[' + i + '].amount', problem: 'enter an amount, e.g. 150.00'});
        }
        if (!r.date.value) {
            problems.push({field: 'plan.instalments[' + i + '].dueDate', problem: 'choose a date'});
        }
        return {amount, dueDate: r.date.value};
    });
    if (instalments.length === 0) {
        problems.push({field: 'plan.instalments', problem: 'choose the number of instalments and the first date'});
    }
    const plan = {instalments, frequency: rowsEdited() ? 'CUSTOM' : inputs.frequency.value};
    const discount = inputs.settlement.value.trim();
    if (discount) {
        plan.settlementPercent = discount;
    }
    const account = byId('promise-account').value;
    if (account) {
        plan.accountId = Number(account);
    }
    return {plan, problems};
}

/** How a saved plan reads in the confirmation. */
export function planSavedText(plan) {
    const total = plan.instalments.reduce((sum, i) => sum + Number(i.amount), 0);
    return 'plan of ' + plan.instalments.length + ' instalments, ' + formatMoney(total) + ' from ' + plan.instalments[0].dueDate
        + (plan.settlementPercent ? ', settlement ' + plan.settlementPercent + '% off' : '');
}

function rowsEdited() {
    return rows.some(r => r.edited);
}

function balance() {
    const shown = document.querySelector('[data-test=total-overdue]');
    const n = shown ? Number(shown.textContent.replace(/,/g, '')) : NaN;
    return Number.isFinite(n) ? n : null;
}

function cents(n) {
    return Math.round(n * 100);
}

function addPeriod(iso, frequency, k) {
    const d = new Date(iso + 'T00:00:00Z');
    if (frequency === 'MONTHLY') {
        const day = d.getUTCDate();
        d.setUTCDate(1);
        d.setUTCMonth(d.getUTCMonth() + k);
        const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
        d.setUTCDate(Math.min(day, last));
    } else {
        d.setUTCDate(d.getUTCDate() + k * (frequency === 'WEEKLY' ? 7 : 14));
    }
    return d.toISOString().slice(0, 10);
}

function errorBox(field) {
    return el('div', {class: 'field-error', dataset: {field}});
}

/** Splits the total evenly in cents (the last instalment takes what is left) at the chosen dates. */
function compute() {
    const n = Number(inputs.count.value);
    const total = Number(inputs.total.value.replace(/,/g, ''));
    if (!Number.isInteger(n) || n < 1 || n > 120 || !inputs.first.value || !Number.isFinite(total) || total <= 0) {
        rows = [];
        fill(rowsBox, el('p', {class: 'hint', text: 'Choose the number of instalments, the first date and the total.'}));
        scheduleCheck();
        return;
    }
    const each = Math.floor(cents(total) / n);
    rows = [];
    const lines = [];
    for (let i = 0; i < n; i++) {
        const amount = i === n - 1 ? cents(total) - each * (n - 1) : each;
        const row = {edited: false};
        row.date = el('input', {type: 'date', value: addPeriod(inputs.first.value, inputs.frequency.value, i),
            dataset: {test: 'plan-date-' + i}, 'aria-label': 'Date of instalment ' + (i + 1)});
        row.amount = el('input', {inputmode: 'decimal', autocomplete: 'off', value: (amount / 100).toFixed(2),
            dataset: {test: 'plan-amount-' + i}, 'aria-label': 'Amount of instalment ' + (i + 1)});
        for (const input of [row.date, row.amount]) {
            input.addEventListener('input', () => {
                row.edited = true;
                showTotal();
                scheduleCheck();
            });
        }
        rows.push(row);
        lines.push(el('div', {class: 'plan-row', dataset: {test: 'plan-row'}},
            el('span', {class: 'plan-no', text: (i + 1) + '.'}), row.date, row.amount,
            errorBox('plan.instalments[' + i + '].dueDate'), errorBox('plan.instalments[' + i + '].amount')));
    }
    fill(rowsBox, lines);
    showTotal();
    scheduleCheck();
}

function showTotal() {
    const sum = rows.reduce((s, r) => s + cents(Number(r.amount.value.replace(/,/g, '')) || 0), 0);
    box.dataset.total = (sum / 100).toFixed(2);
}

function settlementChanged() {
    const b = balance();
    const discount = Number(inputs.settlement.value);
    if (b !== null) {
        const total = inputs.settlement.value.trim() && Number.isFinite(discount) ? b * (100 - discount) / 100 : b;
        inputs.total.value = (Math.round(total * 100) / 100).toFixed(2);
    }
    compute();
}

function clearPlanProblems() {
    box.querySelectorAll('.field-error').forEach(e => {
        e.textContent = '';
    });
    box.querySelectorAll('[aria-invalid]').forEach(e => e.removeAttribute('aria-invalid'));
}

function showPlanProblems(problems) {
    clearPlanProblems();
    const loose = [];
    for (const p of problems) {
        const target = box.querySelector('.field-error[data-field="' + p.field + '"]');
        if (target) {
            target.textContent = target.textContent ? target.textContent + '; ' + p.problem : p.problem;
        } else {
            loose.push(p.field + ': ' + p.problem);
        }
    }
    box.querySelector('.field-error[data-field="plan"]').textContent = loose.join('; ');
    box.dataset.problems = String(problems.length);
}

function scheduleCheck() {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(check, 300);
}

/** Asks the server which of the campaign's rules the plan breaks, and shows them. */
async function check() {
    const attemptId = form.dataset.attemptId;
    const current = currentPlan();
    if (!attemptId || !current || current.problems.length > 0) {
        if (current) {
            showPlanProblems(current.problems);
            summary.textContent = '';
        }
        return;
    }
    const seq = ++checkSeq;
    try {
        const answer = await api('POST', '/api/attempts/' + attemptId + '/plan-check', {plan: current.plan});
        if (seq !== checkSeq) {
            return;
        }
        showPlanProblems(answer.problems);
        box.dataset.needsApproval = String(answer.needsApproval);
        summary.textContent = current.plan.instalments.length + ' instalments, total ' + formatMoney(answer.total)
            + ' of a balance of ' + formatMoney(answer.balance)
            + (answer.problems.length === 0 ? ' — within the campaign\'s rules' : ' — ' + answer.problems.length
                + ' rule' + (answer.problems.length === 1 ? '' : 's') + ' broken')
            + (answer.needsApproval ? '. The settlement is over your authority (' + answer.authorityPercent
                + '%): it will wait for a supervisor\'s approval.' : '.');
        summary.classList.toggle('is-error', answer.problems.length > 0);
    } catch (e) {
        if (seq !== checkSeq) {
            return;
        }
        if (e instanceof ApiError && e.status === 400) {
            showPlanProblems(e.problems);
            summary.textContent = '';
        } else {
            summary.textContent = 'The plan could not be checked: ' + (e instanceof ApiError ? e.describe() : String(e));
        }
    }
}

function setMode(next) {
    mode = next;
    box.hidden = mode !== 'plan';
    for (const id of ['promise-amount', 'promise-due']) {
        byId(id).closest('.field').hidden = mode === 'plan';
    }
    form.querySelector('input[name="promise-mode"][value="' + mode + '"]').checked = true;
    if (mode === 'plan') {
        if (!inputs.total.value) {
            settlementChanged();
        } else {
            compute();
        }
    }
}

function reset() {
    inputs.count.value = '3';
    inputs.first.value = '';
    inputs.frequency.value = 'MONTHLY';
    inputs.settlement.value = '';
    inputs.total.value = '';
    rows = [];
    fill(rowsBox);
    summary.textContent = '';
    setMode('single');
}

function build() {
    document.head.append(el('link', {rel: 'stylesheet', href: '/assets/agent-plan.css'}));
    form = byId('disposition-form');
    const promiseFields = byId('promise-fields');
    inputs.count = el('input', {id: 'plan-count', type: 'number', min: '1', max: '120', value: '3', dataset: {test: 'plan-count'}});
    inputs.first = el('input', {id: 'plan-first', type: 'date', dataset: {test: 'plan-first'}});
    inputs.frequency = el('select', {id: 'plan-frequency', dataset: {test: 'plan-frequency'}},
        FREQUENCIES.map(([value, text]) => el('option', {value, text})));
    inputs.settlement = el('input', {id: 'plan-settlement', inputmode: 'decimal', autocomplete: 'off', placeholder: 'none',
        dataset: {test: 'plan-settlement'}});
    inputs.total = el('input', {id: 'plan-total', inputmode: 'decimal', autocomplete: 'off', dataset: {test: 'plan-total'}});
    rowsBox = el('div', {class: 'plan-rows', dataset: {test: 'plan-rows'}});
    summary = el('p', {class: 'hint plan-summary', role: 'status', dataset: {test: 'plan-summary'}});
    const field = (label, input, errorField) => el('div', {class: 'field'}, el('label', {for: input.id, text: label}), input,
        errorField ? errorBox(errorField) : null);
    box = el('div', {id: 'plan-fields', class: 'plan-fields', dataset: {test: 'plan-fields'}, hidden: true},
        field('Number of instalments', inputs.count),
        field('First payment on', inputs.first),
        field('Frequency', inputs.frequency, 'plan.frequency'),
        field('Settlement discount, % (optional)', inputs.settlement, 'plan.settlementPercent'),
        field('Total to pay', inputs.total),
        rowsBox, errorBox('plan.instalments'), errorBox('plan.accountId'), errorBox('plan'), summary);
    const toggle = el('fieldset', {class: 'owner promise-mode', dataset: {test: 'promise-mode'}},
        el('legend', {text: 'Payment'}),
        el('label', {}, el('input', {type: 'radio', name: 'promise-mode', value: 'single', checked: true,
            dataset: {test: 'promise-mode-single'}, onchange: () => setMode('single')}), ' One payment'),
        el('label', {}, el('input', {type: 'radio', name: 'promise-mode', value: 'plan',
            dataset: {test: 'promise-mode-plan'}, onchange: () => setMode('plan')}), ' A plan of instalments'));
    promiseFields.prepend(toggle);
    promiseFields.append(box);
    inputs.count.addEventListener('input', compute);
    inputs.first.addEventListener('input', compute);
    inputs.frequency.addEventListener('change', compute);
    inputs.total.addEventListener('input', compute);
    inputs.settlement.addEventListener('input', settlementChanged);
    byId('promise-account').addEventListener('change', scheduleCheck);
    // a new call: the plan starts over (the form's attempt is set again on every update: only a change counts)
    new MutationObserver(records => {
        if (records.some(r => r.oldValue !== form.dataset.attemptId)) {
            reset();
        }
    }).observe(form, {attributes: true, attributeFilter: ['data-attempt-id'], attributeOldValue: true});
}

build();
