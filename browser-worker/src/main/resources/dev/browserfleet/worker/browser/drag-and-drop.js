// HTML5 drag and drop of arguments[0] onto arguments[1]: the events a user's drag fires, sharing one
// DataTransfer. Pointer actions start a native drag on Chromium but not on Firefox over BiDi or on
// WebKitGTK (checked here), so every engine drags this way, alike. The events are synthetic
// (isTrusted false). Returns whether the target accepted the drop (cancelled dragover).
const [source, target] = arguments;
const data = new DataTransfer();
const centre = el => {
  const r = el.getBoundingClientRect();
  return {clientX: r.left + r.width / 2, clientY: r.top + r.height / 2};
};
// dispatchEvent is false when a listener called preventDefault.
const fire = (el, type, at) => el.dispatchEvent(
    new DragEvent(type, {bubbles: true, cancelable: true, composed: true, dataTransfer: data, ...at}));
source.scrollIntoView({block: 'center', inline: 'center'});
const from = centre(source);
if (!fire(source, 'dragstart', from)) return false;
fire(source, 'drag', from);
target.scrollIntoView({block: 'nearest', inline: 'nearest'});
const to = centre(target);
fire(target, 'dragenter', to);
const accepted = !fire(target, 'dragover', to);
if (accepted) fire(target, 'drop', to); else fire(target, 'dragleave', to);
fire(source, 'dragend', to);
return accepted;
