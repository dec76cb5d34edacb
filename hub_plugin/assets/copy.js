/* "Copy the citation" and "Copy the link to this page": buttons that exist only where a script runs.
 * The link is the page's address without its #fragment; from file:// it is the file's address. */
(function () {
  "use strict";

  function copy(text, done) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallback(text)); });
    } else {
      done(fallback(text));
    }
  }

  /* Older browsers, and pages the clipboard API refuses: a hidden text box, selected and copied. */
  function fallback(text) {
    var box = document.createElement("textarea");
    box.value = text;
    box.setAttribute("readonly", "");
    box.className = "hub-visually-hidden";
    document.body.appendChild(box);
    box.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    document.body.removeChild(box);
    return copied;
  }

  function start() {
    var buttons = document.querySelectorAll(".hub-copy");
    Array.prototype.forEach.call(buttons, function (button) {
      var status = button.parentNode.querySelector(".hub-copy__done");
      button.hidden = false;
      button.addEventListener("click", function () {
        var source = button.getAttribute("data-copy-from");
        var text = source ? document.getElementById(source).textContent.replace(/\s+/g, " ").trim()
                          : window.location.href.split("#")[0];
        copy(text, function (copied) {
          if (status) status.textContent = copied ? "Copied." : "Could not copy: select the text and copy it.";
        });
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
