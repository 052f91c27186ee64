// The layout check (LayoutCheck.cs): one function evaluated in the page as it is now. It returns one line per finding:
// a control a person cannot see or reach, two controls on top of each other, or a page wider than the window.
// Argument: the selectors left out (each with its reason in LayoutCheck.cs). Runs under the app's CSP (no script tag).
(excluded) => {
    const findings = [];
    const isExcluded = e => excluded.some(s => e.closest(s));
    const interactive = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link], [role=tab], '
        + '[role=checkbox], [role=radio], [role=switch], [role=combobox], [role=menuitem], [role=option], [role=treeitem], '
        + '[contenteditable=true], [tabindex]:not([tabindex="-1"])';

    const describe = e => {
        const tag = e.tagName.toLowerCase();
        const own = e.id ? `${tag}#${e.id}` : tag + [...e.classList].filter(c => !c.startsWith('mud-ripple')).slice(0, 3).map(c => '.' + c).join('');
        const anchor = e.id ? null : e.parentElement?.closest('[id]');
        const name = (e.getAttribute('aria-label') || e.getAttribute('title') || e.textContent || e.getAttribute('placeholder') || e.value || '')
            .replace(/\s+/g, ' ').trim().slice(0, 40);
        return (anchor ? `#${anchor.id} ` : '') + own + (name ? ` "${name}"` : '');
    };

    const rgba = text => {
        const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(text || '');
        return m ? { r: +m[1], g: +m[2], b: +m[3], a: m[4] === undefined ? 1 : +m[4] } : { r: 0, g: 0, b: 0, a: 0 };
    };
    const same = (x, y) => Math.abs(x.r - y.r) + Math.abs(x.g - y.g) + Math.abs(x.b - y.b) < 12;
    const ink = c => c.a > 0.05;

    // The colour behind an element: the first non-transparent background among it and its ancestors (white at the top).
    const backgroundOf = e => {
        for (let n = e; n && n.nodeType === 1; n = n.parentElement) {
            const c = rgba(getComputedStyle(n).backgroundColor);
            if (c.a > 0.5) {
                return c;
            }
        }
        return { r: 255, g: 255, b: 255, a: 1 };
    };

    // Drawn on purpose: displayed, not visibility:hidden, not faded out, not the 1 px "visually hidden" pattern of skip
    // links and of the native inputs MudBlazor draws its own checkbox, radio and switch over.
    const intendedVisible = e => {
        if (!e.getClientRects().length || isExcluded(e) || e.closest('[hidden], [aria-hidden=true], [inert]')) {
            return false;
        }
        const s = getComputedStyle(e);
        if (s.visibility !== 'visible' || s.display === 'contents') {
            return false;
        }
        for (let n = e; n && n.nodeType === 1; n = n.parentElement) {
            const ns = getComputedStyle(n);
            if (parseFloat(ns.opacity) === 0) {
                return false;
            }
            if (ns.clipPath === 'inset(50%)' || (ns.clip && ns.clip.startsWith('rect(0') && ns.position === 'absolute')) {
                return false;
            }
        }
        return true;
    };

    // Can be seen against what is behind it: text or icon in a colour apart from the background, a border, an own
    // background, an underline drawn by a pseudo-element (MudBlazor's text fields), or an image.
    const hasInk = e => {
        const s = getComputedStyle(e);
        const behind = backgroundOf(e.parentElement || e);
        const own = rgba(s.backgroundColor);
        if (own.a > 0.5 && !same(own, behind)) {
            return true;
        }
        const bg = own.a > 0.5 ? own : behind;
        const color = rgba(s.color);
        const hasText = (e.textContent || '').trim().length > 0 || (e.value || '').length > 0 || e.querySelector('svg, img') !== null;
        if (hasText && ink(color) && !same(color, bg)) {
            return true;
        }
        for (const side of ['Top', 'Right', 'Bottom', 'Left']) {
            const c = rgba(s[`border${side}Color`]);
            if (s[`border${side}Style`] !== 'none' && parseFloat(s[`border${side}Width`]) > 0 && ink(c) && !same(c, behind)) {
                return true;
            }
        }
        if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && ink(rgba(s.outlineColor)) && e !== document.activeElement) {
            return true;
        }
        if (s.boxShadow && s.boxShadow !== 'none') {
            return true;
        }
        if (e.matches('input[type=file]')) {
            const b = getComputedStyle(e, '::file-selector-button');
            const c = rgba(b.borderTopColor);
            return (b.borderTopStyle !== 'none' && parseFloat(b.borderTopWidth) > 0 && ink(c) && !same(c, behind))
                || (rgba(b.backgroundColor).a > 0.5 && !same(rgba(b.backgroundColor), behind));
        }
        for (const pseudo of ['::before', '::after']) {
            const p = getComputedStyle(e, pseudo);
            if (p.content !== 'none' && parseFloat(p.borderBottomWidth) > 0 && ink(rgba(p.borderBottomColor)) && !same(rgba(p.borderBottomColor), behind)) {
                return true;
            }
        }
        return false;
    };

    // The element that draws the control: MudBlazor text fields and selects are an <input> inside .mud-input, whose
    // outline (a fieldset or the ::before underline) is the visible part; checkboxes and radios draw an icon button.
    const drawnBy = e => {
        const composite = e.closest('.mud-input');
        if (composite && e.matches('input, textarea')) {
            const outline = composite.querySelector('.mud-input-outlined-border');
            return [composite, ...(outline ? [outline] : [])];
        }
        return [e];
    };

    // Another element at the control's centre that still belongs to it: its own descendants, its label, and the
    // parts of the same MudBlazor field (label, adornment, outline).
    const reaches = (e, hit) => {
        if (!hit) {
            return false;
        }
        if (e === hit || e.contains(hit) || hit.contains(e) && hit.matches('label, .mud-input, .mud-input-control')) {
            return true;
        }
        const label = hit.closest('label');
        if (label && (label.control === e || label.contains(e) || (label.htmlFor && label.htmlFor === e.id))) {
            return true;
        }
        const field = e.closest('.mud-input-control, .mud-select, .mud-picker');
        return field !== null && field.contains(hit);
    };

    // The part of the box not cut off by ancestors that clip or scroll their content.
    const visibleBox = e => {
        const b = e.getBoundingClientRect();
        let left = b.left, top = b.top, right = b.right, bottom = b.bottom;
        for (let n = e.parentElement; n && n !== document.body && n !== document.documentElement; n = n.parentElement) {
            const s = getComputedStyle(n);
            if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
                const r = n.getBoundingClientRect();
                if (s.overflowX !== 'visible') { left = Math.max(left, r.left); right = Math.min(right, r.right); }
                if (s.overflowY !== 'visible') { top = Math.max(top, r.top); bottom = Math.min(bottom, r.bottom); }
            }
            if (s.position === 'fixed') {
                break;
            }
        }
        return { left, top, right, bottom, width: Math.max(0, right - left), height: Math.max(0, bottom - top) };
    };

    const clippedBy = (e, box) => {
        for (let n = e.parentElement; n && n !== document.body; n = n.parentElement) {
            const s = getComputedStyle(n);
            // MudTabs' tab strip scrolls its tabs into view (the scroll buttons it adds once laid out, and the arrow keys):
            // a tab out of its view is like one in a scrolling box, not cut off.
            if (n.matches('.mud-tabs-tabbar-content')) {
                continue;
            }
            if (['hidden', 'clip'].includes(s.overflowX) || ['hidden', 'clip'].includes(s.overflowY)) {
                const r = n.getBoundingClientRect();
                const w = Math.min(box.right, r.right) - Math.max(box.left, r.left);
                const h = Math.min(box.bottom, r.bottom) - Math.max(box.top, r.top);
                const horizontally = ['hidden', 'clip'].includes(s.overflowX) && w < Math.min(box.width, 8) - 1;
                const vertically = ['hidden', 'clip'].includes(s.overflowY) && h < Math.min(box.height, 8) - 1;
                if (horizontally || vertically) {
                    return n;
                }
            }
            if (s.position === 'fixed') {
                break;
            }
        }
        return null;
    };

    // While a modal dialog is open, the page behind it is out of reach on purpose: only the topmost dialog counts.
    const modals = [...document.querySelectorAll('.mud-dialog-container, [aria-modal=true]')].filter(m => m.getClientRects().length);
    const scope = modals.length ? modals[modals.length - 1] : document;
    // Focus-trap sentinels (MudBlazor's dialogs): focusable, empty and never clicked.
    const sentinel = e => e.matches('div[tabindex]:not([role])') && getComputedStyle(e).pointerEvents === 'none' && !e.textContent.trim();
    const controls = [...scope.querySelectorAll(interactive)].filter(e => !sentinel(e)).filter(intendedVisible);

    // Pairs of controls whose boxes overlap by more than 2 px both ways, measured at one scroll position; a control
    // inside another, and two parts of one MudBlazor field, are one control.
    window.scrollTo(0, 0);
    const sized = controls.map(e => [e, visibleBox(e)]).filter(([, r]) => r.width >= 1 && r.height >= 1);
    for (let i = 0; i < sized.length; i++) {
        const [a, ra] = sized[i];
        for (let j = i + 1; j < sized.length; j++) {
            const [b, rb] = sized[j];
            if (a.contains(b) || b.contains(a)) {
                continue;
            }
            const fa = a.closest('.mud-input-control'), fb = b.closest('.mud-input-control');
            if (fa && fa === fb) {
                continue;
            }
            const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
            const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
            if (w > 2 && h > 2) {
                findings.push(`${describe(a)} and ${describe(b)}: overlap by ${Math.round(w)}x${Math.round(h)} px`);
            }
        }
    }

    const inView = b => b.top >= 0 && b.left >= 0 && b.bottom <= innerHeight && b.right <= innerWidth;
    for (const e of controls) {
        let box = e.getBoundingClientRect();
        if (box.width < 1 || box.height < 1) {
            findings.push(`${describe(e)}: has no size (${Math.round(box.width)}x${Math.round(box.height)} px)`);
            continue;
        }
        const clip = clippedBy(e, box);
        if (clip) {
            findings.push(`${describe(e)}: cut off by ${describe(clip)} (overflow hidden)`);
            continue;
        }
        if (!drawnBy(e).some(hasInk)) {
            findings.push(`${describe(e)}: invisible (no text, border or background apart from the colour behind it)`);
        }
        if (getComputedStyle(e).pointerEvents === 'none') {
            continue; // disabled: a click at its centre goes to what is behind it on purpose
        }
        if (!inView(box)) {
            e.scrollIntoView({ block: 'center', inline: 'center' });
        }
        box = visibleBox(e);
        if (box.width < 1 || box.height < 1) {
            continue; // scrolled out of its own scrolling container: reached by scrolling it
        }
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        if (hit && !reaches(e, hit) && !isExcluded(hit)) {
            findings.push(`${describe(e)}: covered by ${describe(hit)} at its centre`);
        }
    }

    window.scrollTo(0, 0);
    const width = document.documentElement.scrollWidth;
    if (width > innerWidth + 1) {
        const wide = [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > innerWidth + 1 && e.getClientRects().length && !e.closest('[aria-hidden=true]'))
            .slice(0, 5).map(e => `${describe(e)} (right edge ${Math.round(e.getBoundingClientRect().right)} px)`);
        findings.push(`the page scrolls sideways (${width} px wide in a ${innerWidth} px window); too wide: ${wide.join(', ')}`);
    }
    return findings;
}
