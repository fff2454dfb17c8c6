// The last hour as an SVG chart: for each minute, calls placed, connected, abandoned and promises
// as four bars side by side.

import {svgNode as node} from './svg.js';

const WIDTH = 960;
const HEIGHT = 240;
const LEFT = 40;
const RIGHT = 12;
const TOP = 12;
const BOTTOM = 28;
const SERIES = ['placed', 'connected', 'abandoned', 'promises'];


/** A round top for the y axis: 4, 5, 10, 20, 25, 50, 100... at least the highest value. */
function niceMax(value) {
    if (value <= 4) {
        return 4;
    }
    const power = Math.pow(10, Math.floor(Math.log10(value)));
    for (const step of [1, 2, 2.5, 5, 10]) {
        if (step * power >= value) {
            return step * power;
        }
    }
    return 10 * power;
}

function minuteLabel(iso) {
    const d = new Date(iso);
    return String(d.getHours()).padStart(2, '0') + ':' + String(d.getMinutes()).padStart(2, '0');
}

/** Draws rows [{minute, placed, connected, abandoned, promises}] (oldest first) into container. */
export function drawLastHour(container, rows) {
    const key = JSON.stringify(rows);
    if (container.dataset.drawn === key) {
        return;
    }
    container.dataset.drawn = key;
    const n = Math.max(rows.length, 1);
    const top = niceMax(Math.max(0, ...rows.map(r => Math.max(...SERIES.map(series => r[series])))));
    const plotWidth = WIDTH - LEFT - RIGHT;
    const plotHeight = HEIGHT - TOP - BOTTOM;
    const slot = plotWidth / n;
    const x = i => LEFT + slot * i + slot / 2;
    const y = v => TOP + plotHeight - (v / top) * plotHeight;

    const totals = {};
    SERIES.forEach(series => {
        totals[series] = rows.reduce((sum, r) => sum + r[series], 0);
    });
    const svg = node('svg', {
        viewBox: '0 0 ' + WIDTH + ' ' + HEIGHT, role: 'img',
        'aria-label': 'Last hour: ' + totals.placed + ' calls placed, ' + totals.connected + ' connected, '
            + totals.abandoned + ' abandoned, ' + totals.promises + ' promises',
    });
    SERIES.forEach(series => {
        svg.dataset[series] = String(totals[series]);
    });

    // horizontal grid with values
    for (let i = 0; i <= 4; i++) {
        const value = top * i / 4;
        svg.append(node('line', {class: i === 0 ? 'axis' : 'grid', x1: LEFT, x2: WIDTH - RIGHT, y1: y(value), y2: y(value)}));
        svg.append(node('text', {x: LEFT - 6, y: y(value) + 4, 'text-anchor': 'end'}, Number.isInteger(value) ? String(value) : value.toFixed(1)));
    }
    // time labels every 10 minutes, and the last minute
    rows.forEach((r, i) => {
        if (i % 10 === 0 || i === rows.length - 1) {
            svg.append(node('text', {x: x(i), y: HEIGHT - 8, 'text-anchor': 'middle'}, minuteLabel(r.minute)));
        }
    });
    // each minute: four bars side by side, placed, connected, abandoned, promises
    const width = slot * 0.8 / SERIES.length;
    rows.forEach((r, i) => {
        if (SERIES.every(series => r[series] === 0)) {
            return;
        }
        const group = node('g', {class: 'minute'});
        group.append(node('title', {}, minuteLabel(r.minute) + ': ' + r.placed + ' placed, ' + r.connected + ' connected, '
            + r.abandoned + ' abandoned, ' + r.promises + ' promises'));
        SERIES.forEach((series, k) => {
            if (r[series] > 0) {
                group.append(node('rect', {class: 'bar-' + series, x: x(i) - slot * 0.4 + k * width, y: y(r[series]),
                    width: Math.max(1, width - 0.5), height: Math.max(1, y(0) - y(r[series]))}));
            }
        });
        svg.append(group);
    });
    container.replaceChildren(svg);
}
