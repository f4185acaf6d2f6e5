// Notes the type and message of each dialog the page opens, just before the browser shows it.
// WebKitWebDriver tells the worker only a dialog's message, so this is how an alert, a confirm
// and a prompt are told apart; the worker reads the notes once it has answered the dialog.
// Installing it twice in one document keeps the first.
(() => {
  if (window.__browserfleetDialogs) {
    return;
  }
  const noted = [];
  Object.defineProperty(window, '__browserfleetDialogs', {value: noted});
  for (const type of ['alert', 'confirm', 'prompt']) {
    const shown = window[type];
    window[type] = function (message, ...rest) {
      noted.push({type, message: message === undefined ? '' : String(message)});
      return shown.call(window, message, ...rest);
    };
  }
})();
