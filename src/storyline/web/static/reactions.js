// storyline: live reader reactions. The reaction buttons are a plain form that works without
// this script; with it, a click sends the reaction to the JSON API and updates the counts in
// place. Our own code, served from /static so the Content-Security-Policy needs no inline script.
(function () {
  "use strict";
  var LABELS = {like: "Like", dislike: "Dislike", love: "Love", funny: "Funny", angry: "Angry",
                sad: "Sad", wow: "Wow"};

  function show(box, state) {
    box.querySelectorAll("[data-count]").forEach(function (el) {
      el.textContent = String(state.counts[el.getAttribute("data-count")] || 0);
    });
    box.querySelectorAll("button.reaction").forEach(function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-kind") === state.mine ? "true" : "false");
    });
    var withdraw = box.querySelector("button.withdraw");
    if (withdraw) { withdraw.hidden = !state.mine; }
    var status = box.querySelector(".reaction-status");
    if (status) {
      status.textContent = state.mine ? "You reacted \u201c" + LABELS[state.mine] + "\u201d."
                                      : "Your reaction was withdrawn.";
    }
  }

  function send(box, kind) {
    var url = "/api/reactions/" + encodeURIComponent(box.getAttribute("data-item-kind")) + "/" +
              encodeURIComponent(box.getAttribute("data-item-id"));
    var pressed = box.querySelector('button.reaction[aria-pressed="true"]');
    var withdraw = kind === "withdraw" || (pressed && pressed.getAttribute("data-kind") === kind);
    var options = {
      method: withdraw ? "DELETE" : "PUT",
      credentials: "same-origin",
      headers: {"X-CSRF-Token": box.getAttribute("data-csrf"), "Accept": "application/json"}
    };
    if (!withdraw) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify({kind: kind});
    }
    var status = box.querySelector(".reaction-status");
    return fetch(url, options).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) {
          throw new Error(data && data.error ? data.error.message : "HTTP " + response.status);
        }
        show(box, data);
      });
    }).catch(function (err) {
      if (status) { status.textContent = "Could not send the reaction: " + err.message; }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("section.reactions").forEach(function (box) {
      var form = box.querySelector("form");
      if (!form || !window.fetch) { return; }
      form.addEventListener("submit", function (event) {
        var button = event.submitter;
        if (!button || !button.value) { return; }
        event.preventDefault();
        send(box, button.value);
      });
    });
  });
})();
