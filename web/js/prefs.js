// Applies saved display preferences (大字, 深色) before first paint; a classic script so it can run in <head>.
(function () {
  var root = document.documentElement;
  var params = new URLSearchParams(window.location.search);
  var large = null;
  var theme = null;
  try {
    large = window.localStorage.getItem('pa.large');
    theme = window.localStorage.getItem('pa.theme');
  } catch {
    // Storage can be blocked (private mode, third-party frames): the defaults still work.
  }
  if (params.get('large') === '1' && large === null) large = '1';
  if (large === '1') root.classList.add('large');
  if (theme === 'dark' || theme === 'light') root.setAttribute('data-theme', theme);
})();
