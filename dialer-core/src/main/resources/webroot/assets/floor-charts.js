// The floor reports' charts as SVG, drawn the way supervisor-chart.js draws the last hour (no framework):
// each agent's time as one stacked bar, and each bucket's roll and recovery rates as two bars.

import {svgNode as node} from './svg.js';
import {formatDuration} from './format.js';

const WIDTH = 960;
const LEFT = 150;
const RIGHT = 16;
const ROW = 26;
export const TIME_SERIES = ['ready', 'talking', 'wrapUp', 'paused', 'other'];


/** Seconds as h:mm:ss (m:ss under an hour), as the dashboard shows times in state. */
function hours(seconds) {
    return formatDuration(seconds * 1000);
}

/** Sums each agent's rows over the periods: [{agent, ready, talking, wrapUp, paused, other, loggedIn}] by name. */
export function timeByAgent(rows) {
    const byAgent = new Map();
    for (const r of rows) {
        const a = byAgent.get(r.agentId) || {agent: r.agent, ready: 0, talking: 0, wrapUp: 0, paused: 0, other: 0, loggedIn: 0};
        a.ready += r.readySeconds;
        a.talking += r.talkingSeconds;
        a.wrapUp += r.wrapUpSeconds;
        a.paused += r.pausedSeconds;
        a.other += r.previewingSeconds + r.connectingSeconds;
        a.loggedIn += r.loggedInSeconds;
        byAgent.set(r.agentId, a);
    }
    return [...byAgent.values()].sort((x, y) => x.agent.localeCompare(y.agent));
}

/** One horizontal bar per agent, its logged-in time split by state. */
export function drawAgentTime(container, agents) {
    const height = Math.max(1, agents.length) * ROW + 30;
    const longest = Math.max(1, ...agents.map(a => a.loggedIn));
    const scale = (WIDTH - LEFT - RIGHT) / longest;
    const svg = node('svg', {viewBox: '0 0 ' + WIDTH + ' ' + height, role: 'img',
        'aria-label': 'Logged-in time of ' + agents.length + ' agents by state'});
    svg.dataset.agents = String(agents.length);
    agents.forEach((a, i) => {
        const y = 8 + i * ROW;
        svg.append(node('text', {x: LEFT - 8, y: y + 14, 'text-anchor': 'end'}, a.agent));
        let x = LEFT;
        const group = node('g', {class: 'agent-time'});
        group.append(node('title', {}, a.agent + ': logged in ' + hours(a.loggedIn) + ' — ' + TIME_SERIES
            .map(s => s + ' ' + hours(a[s])).join(', ')));
        for (const series of TIME_SERIES) {
            const w = a[series] * scale;
            if (w > 0) {
                group.append(node('rect', {class: 'floor-' + series, x, y, width: Math.max(1, w), height: ROW - 8}));
                x += w;
            }
        }
        svg.append(group);
    });
    svg.append(node('line', {class: 'axis', x1: LEFT, x2: LEFT, y1: 4, y2: height - 22}));
    svg.append(node('text', {x: WIDTH - RIGHT, y: height - 6, 'text-anchor': 'end'}, hours(longest)));
    container.replaceChildren(svg);
}

/** Per bucket, the roll rate and the recovery rate side by side (0 to 100%). */
export function drawBuckets(container, buckets) {
    const height = 200;
    const top = 12;
    const bottom = 28;
    const plot = height - top - bottom;
    const slot = (WIDTH - LEFT - RIGHT) / Math.max(1, buckets.length);
    const svg = node('svg', {viewBox: '0 0 ' + WIDTH + ' ' + height, role: 'img', 'aria-label': 'Roll and recovery rates by bucket'});
    for (let i = 0; i <= 4; i++) {
        const y = top + plot - plot * i / 4;
        svg.append(node('line', {class: i === 0 ? 'axis' : 'grid', x1: LEFT, x2: WIDTH - RIGHT, y1: y, y2: y}));
        svg.append(node('text', {x: LEFT - 6, y: y + 4, 'text-anchor': 'end'}, (25 * i) + '%'));
    }
    buckets.forEach((b, i) => {
        const x = LEFT + slot * i;
        svg.append(node('text', {x: x + slot / 2, y: height - 8, 'text-anchor': 'middle'}, b.bucket + ' (' + b.accounts + ')'));
        [['roll', b.rollRate], ['recovery', b.recoveryRate]].forEach(([series, rate], k) => {
            const value = Math.min(1, Math.max(0, rate || 0));
            const h = Math.max(rate === null ? 0 : 1, value * plot);
            const bar = node('rect', {class: 'floor-' + series, x: x + slot * (0.2 + 0.3 * k), y: top + plot - h,
                width: slot * 0.28, height: h});
            bar.append(node('title', {}, b.bucket + ' ' + series + ' rate: ' + (rate === null ? 'no accounts' : (rate * 100).toFixed(1) + '%')));
            svg.append(bar);
        });
    });
    container.replaceChildren(svg);
}
