// Puts files into the file input arguments[0] as a user's choice would: its files, then input and
// change events. arguments[1] is [{name, mimeType, base64}]. Returns what is wrong, or null.
const [input, files] = arguments;
if (!(input instanceof HTMLInputElement) || input.type !== 'file') {
  return 'is not an <input type=file>';
}
if (files.length > 1 && !input.multiple) {
  return 'takes one file (it has no multiple attribute), not ' + files.length;
}
const chosen = new DataTransfer();
for (const file of files) {
  const binary = atob(file.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  chosen.items.add(new File([bytes], file.name, {type: file.mimeType}));
}
input.files = chosen.files;
input.dispatchEvent(new Event('input', {bubbles: true}));
input.dispatchEvent(new Event('change', {bubbles: true}));
return null;
