// Making SVG elements for the pages' charts (no framework).

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element with these attributes and, if given, this text. */
export function svgNode(tag, attrs, text) {
    const n = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs)) {
        n.setAttribute(name, String(value));
    }
    if (text !== undefined) {
        n.textContent = text;
    }
    return n;
}
