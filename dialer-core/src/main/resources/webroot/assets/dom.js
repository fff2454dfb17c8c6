// Small helpers to build and change the page's elements. Text always goes in as text, never as HTML.

export function byId(id) {
    const node = document.getElementById(id);
    if (!node) {
        throw new Error('no element #' + id);
    }
    return node;
}

/**
 * Makes an element: el('td', {class: 'num', dataset: {test: 'x'}}, 'text', otherNode).
 * Attributes whose value is null, undefined or false are left out.
 */
export function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
        if (value === null || value === undefined || value === false) {
            continue;
        }
        if (name === 'dataset') {
            Object.assign(node.dataset, value);
        } else if (name === 'text') {
            node.textContent = value;
        } else if (name.startsWith('on') && typeof value === 'function') {
            node.addEventListener(name.slice(2), value);
        } else {
            node.setAttribute(name, value === true ? '' : String(value));
        }
    }
    append(node, children);
    return node;
}

function append(node, children) {
    for (const child of children) {
        if (child === null || child === undefined || child === false) {
            continue;
        }
        if (Array.isArray(child)) {
            append(node, child);
        } else {
            node.append(child instanceof Node ? child : document.createTextNode(String(child)));
        }
    }
}

/** Replaces an element's content. */
export function fill(node, ...children) {
    node.replaceChildren();
    append(node, children);
    return node;
}

/** Sets text only when it changed: the page does not redraw what stays the same. */
export function setText(node, text) {
    const value = text === null || text === undefined ? '' : String(text);
    if (node.textContent !== value) {
        node.textContent = value;
    }
}

/** A message line: kind is 'ok', 'error' or '' (neutral). */
export function message(node, text, kind) {
    node.textContent = text || '';
    node.classList.toggle('is-error', kind === 'error');
    node.classList.toggle('is-ok', kind === 'ok');
}

/** The compliance guard's answer: every rule that blocked the call, with its reason. */
export function blockedList(blocked, heading) {
    return el('div', {class: 'blocked-reasons', role: 'alert', dataset: {test: 'blocked-reasons'}},
        el('h3', {text: heading || 'Not dialed: the compliance guard blocked this call'}),
        el('ul', {}, blocked.map(b => el('li', {dataset: {test: 'blocked-rule', rule: b.rule}},
            el('span', {class: 'rule', text: b.rule}), ': ', el('span', {class: 'reason', text: b.reason})))));
}

/** The page's notice line (#notice): shown with the text, hidden when the text is empty. */
export function showNotice(text) {
    const box = byId('notice');
    box.textContent = text;
    box.hidden = !text;
}
