// The type dialog-types.js noted for the dialog whose message is arguments[0] (null when it noted
// none), forgetting it and the notes before it, whose dialogs have been answered.
const noted = window.__browserfleetDialogs;
if (!noted) {
  return null;
}
const at = noted.findIndex(dialog => dialog.message === arguments[0]);
return at < 0 ? null : noted.splice(0, at + 1).pop().type;
