// The elements an action's target matches, run by WebDriver's executeScript as a function body:
// arguments[0] is the strategy, [1] its value, [2] a role's accessible name (or null). Each
// strategy is applied to the document, then to every open shadow root, depth first in document
// order (a root's matches come right after those of the tree its host is in); a match never spans
// a shadow boundary. The rules are those of the XPath the worker used before, applied per tree.
const [strategy, value, name] = arguments;

// XPath's normalize-space: XML whitespace collapsed and trimmed.
const normalize = s => s.replace(/[ \t\r\n]+/g, ' ').replace(/^ | $/g, '');
const is = (e, ...names) => names.includes(e.localName);
const type = e => e.getAttribute('type');
const attributeContains = (e, attribute, text) => e.hasAttribute(attribute) && e.getAttribute(attribute).includes(text);

// The roles elements carry without saying so.
const IMPLICIT_ROLES = {
  button: e => is(e, 'button') || (is(e, 'input') && ['button', 'submit', 'reset'].includes(type(e))),
  link: e => is(e, 'a', 'area') && e.hasAttribute('href'),
  textbox: e => is(e, 'textarea')
      || (is(e, 'input') && (!e.hasAttribute('type') || ['text', 'email', 'tel', 'url', 'search'].includes(type(e)))),
  searchbox: e => is(e, 'input') && type(e) === 'search',
  checkbox: e => is(e, 'input') && type(e) === 'checkbox',
  radio: e => is(e, 'input') && type(e) === 'radio',
  combobox: e => is(e, 'select') && !e.hasAttribute('multiple'),
  listbox: e => is(e, 'select') && e.hasAttribute('multiple'),
  option: e => is(e, 'option'),
  heading: e => is(e, 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'),
  img: e => is(e, 'img') && e.getAttribute('alt') !== '',
  list: e => is(e, 'ul', 'ol'),
  listitem: e => is(e, 'li'),
  table: e => is(e, 'table'),
  row: e => is(e, 'tr'),
  form: e => is(e, 'form'),
  navigation: e => is(e, 'nav'),
  main: e => is(e, 'main'),
};

// Each strategy: the matches in one tree (the document or a shadow root), in tree order.
const STRATEGIES = {
  css: root => [...root.querySelectorAll(value)],

  testid: root => [...root.querySelectorAll('[data-testid]')].filter(e => e.getAttribute('data-testid') === value),

  placeholder: root => [...root.querySelectorAll('[placeholder]')].filter(e => attributeContains(e, 'placeholder', value)),

  // The innermost elements whose text contains it (of the body, in the document), so that <body>
  // does not match every text.
  text: root => {
    const contains = e => normalize(e.textContent).includes(value);
    const scope = root === document ? root.querySelectorAll('body *') : root.querySelectorAll('*');
    return [...scope].filter(e => !is(e, 'script', 'style') && contains(e) && ![...e.children].some(contains));
  },

  // The element a matching <label for> names, the controls inside a matching <label>, and the
  // elements whose aria-label contains it.
  label: root => {
    const labels = [...root.querySelectorAll('label')].filter(l => normalize(l.textContent).includes(value));
    const named = new Set(labels.filter(l => l.hasAttribute('for')).map(l => l.getAttribute('for')));
    const isControl = e => is(e, 'input', 'select', 'textarea', 'button');
    return [...root.querySelectorAll('*')].filter(e =>
        (e.hasAttribute('id') && named.has(e.getAttribute('id')))
        || (isControl(e) && labels.some(l => l !== e && l.contains(e)))
        || attributeContains(e, 'aria-label', value));
  },

  // An explicit role, or an implicit one without a role attribute; with a name, an approximation
  // of the accessible name: aria-label, alt, value, title, or the text.
  role: root => {
    const implicit = IMPLICIT_ROLES[value];
    const hasRole = e => e.getAttribute('role') === value || (!!implicit && !e.hasAttribute('role') && implicit(e));
    const hasName = e => name === null
        || ['aria-label', 'alt', 'value', 'title'].some(a => e.getAttribute(a) === name)
        || normalize(e.textContent) === name;
    return [...root.querySelectorAll('*')].filter(e => hasRole(e) && hasName(e));
  },
};

const match = STRATEGIES[strategy];
const found = [];
const visit = root => {
  found.push(...match(root));
  root.querySelectorAll('*').forEach(e => { if (e.shadowRoot) visit(e.shadowRoot); });
};
visit(document);
return found;
