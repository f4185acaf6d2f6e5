// Scrolls at a real speed (px/s) to a y, to the bottom (following a page that grows), or until an
// element is in the middle of the view; calls back with where it ended. Called asynchronously as
// (mode, value, speed, element, done).
const [mode, value, speed, el] = arguments; const done = arguments[arguments.length - 1];
const root = document.scrollingElement || document.documentElement;
const max = () => Math.max(0, root.scrollHeight - innerHeight);
const goal = () => { let y = mode === 'bottom' ? max() : mode === 'y' ? value
  : scrollY + el.getBoundingClientRect().top - (innerHeight - el.getBoundingClientRect().height) / 2;
  return Math.round(Math.max(0, Math.min(y, max()))); };
let from = scrollY, start = performance.now();
const step = () => {
  const to = goal(); const dir = Math.sign(to - from);
  const travelled = speed * (performance.now() - start) / 1000;
  const y = dir > 0 ? Math.min(from + travelled, to) : Math.max(from - travelled, to);
  scrollTo(scrollX, y);
  if (dir === 0 || y === to) { done(Math.round(scrollY)); } else { setTimeout(step, 16); }
};
step();
