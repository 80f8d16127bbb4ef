// Sets the colour theme before the app loads (no flash of the wrong theme).
(function () {
  try {
    var t = localStorage.getItem('foyer-theme');
    var dark = t === 'dark' || (t !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  } catch (_e) {
    // Storage or matchMedia unavailable: keep the light default.
  }
})();
