// The items of localStorage (arguments[0] 'local') or sessionStorage, as an object.
const s = arguments[0] === 'local' ? localStorage : sessionStorage; const out = {};
for (let i = 0; i < s.length; i++) { out[s.key(i)] = s.getItem(s.key(i)); } return out;
