// Scrolls the element (arguments[0]) to the middle of the view; returns its centre in viewport pixels.
const el = arguments[0]; el.scrollIntoView({block: 'center', inline: 'center'});
const r = el.getBoundingClientRect(); return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
