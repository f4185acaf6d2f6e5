// What WebDriver classic answers about an element, for a browser driven over WebDriver BiDi only.
// Called as (element, op, arg); element null means the document. Errors the worker understands
// are thrown as 'bf:<kind>' messages (see BiDiValues.result).
function (element, op, arg) {
  const root = element === null ? document : element;
  if (element !== null && !element.isConnected) {
    throw new Error('bf:stale');
  }
  const visible = el => {
    if (el.tagName === 'OPTION' || el.tagName === 'OPTGROUP') {
      const select = el.closest('select, datalist');
      return select ? visible(select) : false;
    }
    if (el.tagName === 'INPUT' && el.type === 'hidden') return false;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.visibility === 'collapse') return false;
    if (el.checkVisibility && !el.checkVisibility()) return false;
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.height > 0) return true;
    return Array.from(el.children).some(visible);
  };
  const centre = el => {
    el.scrollIntoView({block: 'center', inline: 'center'});
    const rects = Array.from(el.getClientRects()).filter(r => r.width > 0 && r.height > 0);
    if (rects.length === 0) throw new Error('bf:not-interactable the element has no size');
    const r = rects[0];
    const x = Math.floor(r.left + r.width / 2), y = Math.floor(r.top + r.height / 2);
    return [x, y];
  };
  switch (op) {
    case 'tag': return root.tagName.toLowerCase();
    case 'attribute': return root.getAttribute(arg);
    case 'property': {
      const value = root[arg];
      return value === undefined || value === null ? null : typeof value === 'object' ? String(value) : value;
    }
    case 'text': {
      const text = root.innerText === undefined ? root.textContent : root.innerText;
      return visible(root) ? String(text || '').replace(/\u00a0/g, ' ').replace(/[ \t]*\n[ \t]*/g, '\n').trim() : '';
    }
    case 'css': return getComputedStyle(root).getPropertyValue(arg);
    case 'displayed': return visible(root);
    case 'enabled': return !(root.matches && root.matches(':disabled'));
    case 'selected': return Boolean(root.checked || root.selected);
    case 'source': return document.documentElement ? document.documentElement.outerHTML : '';
    case 'clickPoint': {
      // An <option> is chosen as WebDriver's element click chooses one: it has no box of its own
      // while its list is closed. Null tells the caller that nothing is left to press.
      if (root.tagName === 'OPTION') {
        const select = root.closest('select');
        if (select === null || select.disabled || root.disabled) {
          throw new Error('bf:not-interactable the option is not in an enabled <select>');
        }
        if (select.multiple || !root.selected) {
          root.selected = select.multiple ? !root.selected : true;
          select.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
          select.dispatchEvent(new Event('change', {bubbles: true}));
        }
        return null;
      }
      const [x, y] = centre(root);
      // Asked of the element's own tree: inside a shadow root, the document would answer its host.
      const hit = root.getRootNode().elementFromPoint(x, y);
      if (hit !== null && hit !== root && !root.contains(hit) && !(hit.tagName === 'LABEL' && hit.control === root)) {
        throw new Error('bf:intercepted the element is covered by <' + hit.tagName.toLowerCase()
            + (hit.id ? ' id="' + hit.id + '"' : '') + '> at ' + x + ',' + y);
      }
      return [x, y];
    }
    case 'focus': {
      root.focus();
      // The element's own tree: inside a shadow root, the document's active element is its host.
      const active = root.getRootNode().activeElement;
      const focused = active === root || (active && root.contains(active));
      if (!focused && !root.isContentEditable) throw new Error('bf:not-interactable the element cannot have focus');
      if (typeof root.value === 'string' && root.setSelectionRange) {
        try { root.setSelectionRange(root.value.length, root.value.length); } catch (e) { /* not a text field */ }
      } else if (root.isContentEditable) {
        const range = document.createRange();
        range.selectNodeContents(root);
        range.collapse(false);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
      }
      return true;
    }
    case 'clear': {
      if (root.isContentEditable) {
        root.innerHTML = '';
      } else if ('value' in root && !root.readOnly && !(root.matches && root.matches(':disabled'))
          && (root.tagName === 'TEXTAREA' || root.tagName === 'INPUT')) {
        root.focus();
        root.value = '';
        root.dispatchEvent(new Event('input', {bubbles: true}));
        root.dispatchEvent(new Event('change', {bubbles: true}));
        root.blur();
      } else {
        throw new Error('bf:invalid-state the element cannot be cleared: it is not an editable field');
      }
      return true;
    }
    case 'find': {
      if (arg.using === 'xpath') {
        let found;
        try {
          found = document.evaluate(arg.value, root, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
        } catch (e) {
          throw new Error('bf:invalid-selector ' + arg.value + ' is not a valid XPath expression');
        }
        const out = [];
        for (let i = 0; i < found.snapshotLength; i++) {
          if (found.snapshotItem(i).nodeType === Node.ELEMENT_NODE) out.push(found.snapshotItem(i));
        }
        return out;
      }
      try {
        return Array.from(root.querySelectorAll(arg.value));
      } catch (e) {
        throw new Error('bf:invalid-selector ' + arg.value + ' is not a valid selector');
      }
    }
    case 'frame': {
      if (!root.contentWindow) throw new Error('bf:no-frame the element is not a frame');
      return root.contentWindow;
    }
    default: throw new Error('unknown operation ' + op);
  }
}
