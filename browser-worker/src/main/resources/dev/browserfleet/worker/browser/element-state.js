// The live state of an element (arguments[0]) that WebDriver has no one command for, read the same
// way on every engine: 'checked' (a checkbox or radio), 'selected' (an option), 'disabled' (a form
// control, by itself or by its fieldset) as booleans, or 'style:<property>' as the computed value.
const [el, what] = arguments;
if (what === 'checked') return el.checked === true;
if (what === 'selected') return el.selected === true;
if (what === 'disabled') return el.matches(':disabled');
if (what.startsWith('style:')) return getComputedStyle(el).getPropertyValue(what.slice('style:'.length));
throw new Error('no such element state: ' + what);
