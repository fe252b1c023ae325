// followup: the little the pages need beyond htmx. No inline scripts (CSP).
"use strict";
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy]");
  if (!button) { return; }
  var body = document.querySelector(button.getAttribute("data-copy"));
  var subject = document.querySelector(button.getAttribute("data-copy-subject") || "#none");
  var text = (subject && subject.value ? "Subject: " + subject.value + "\n\n" : "") + body.value;
  var status = button.parentElement.querySelector(".copied");
  var done = function (message) { if (status) { status.textContent = message; } };
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(text).then(function () { done("Copied."); },
      function () { done("Copying was refused: select the text and copy it."); });
  } else {
    body.select();
    done("Select all and copy (Ctrl-C).");
  }
});
