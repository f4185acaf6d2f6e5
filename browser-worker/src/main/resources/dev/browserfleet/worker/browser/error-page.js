// Chromium's own error page: its address, and the error code it shows ("ERR_UNSAFE_PORT").
// Returns null on any other page.
if (!location.href.startsWith('chrome-error://')) {
  return null;
}
const code = document.querySelector('.error-code');
return code ? code.textContent.trim() : '';
