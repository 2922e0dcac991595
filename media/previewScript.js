// Pinpoint, in VS Code's Markdown preview (contributed through markdown.previewScripts): after a citation's
// link (`…/2023-JS.md#L40`) opens the corpus file in the preview, scroll that preview to the cited clause.
// VS Code's preview drops a `#L40` fragment (it scrolls only to headings), so the link's line is kept in the
// webview's session storage when it is clicked and looked up when the next page loads; the Pinpoint
// markdown-it plugin gives each clause of a corpus file the id `pinpoint-L<line>`.
(function () {
  'use strict';
  var KEY = 'pinpoint.previewTarget';
  var MAX_AGE_MS = 15000;

  window.addEventListener(
    'click',
    function (event) {
      var target = event.target;
      var link = target && typeof target.closest === 'function' ? target.closest('a.pinpoint-citation') : null;
      var href = link ? link.getAttribute('data-href') || link.getAttribute('href') || '' : '';
      var match = /#L(\d+)$/.exec(href);
      if (!match) {
        return;
      }
      try {
        sessionStorage.setItem(KEY, JSON.stringify({ id: 'pinpoint-L' + match[1], at: Date.now() }));
      } catch (error) {
        // No storage in this webview: the preview opens at the top of the file.
      }
    },
    true,
  );

  function reveal() {
    var saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    } catch (error) {
      return;
    }
    if (!saved || typeof saved.id !== 'string' || Date.now() - saved.at > MAX_AGE_MS) {
      return;
    }
    var element = document.getElementById(saved.id);
    if (!element) {
      return;
    }
    sessionStorage.removeItem(KEY);
    element.scrollIntoView({ block: 'center' });
    element.classList.add('pinpoint-target');
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () {
      setTimeout(reveal, 0);
    });
  } else {
    setTimeout(reveal, 0);
  }
})();
