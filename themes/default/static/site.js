// microsite: small enhancements on top of pages that work without JavaScript.
// - short-link pages (/en/6/) keep the #fragment when they send the reader on;
// - the language switcher keeps the #fragment, so a paragraph stays in view;
// - each numbered paragraph gets a "copy link" button;
// - short links are shown as the full address to copy;
// - the "Print" button of the full text prints (without JavaScript it is a link to the
//   instructions beside it);
// - on a phone, the current pillar is scrolled into view in the pillars' row.
(function () {
  "use strict";
  var doc = document;

  var redirect = doc.querySelector("a[data-redirect]");
  if (redirect) {
    location.replace(redirect.href.split("#")[0] + location.hash);
    return;
  }

  function keepFragment() {
    doc.querySelectorAll("nav.langs a[hreflang]").forEach(function (a) {
      a.href = a.href.split("#")[0] + location.hash;
    });
  }
  keepFragment();
  window.addEventListener("hashchange", keepFragment);

  doc.querySelectorAll("a.shortlink").forEach(function (a) {
    a.textContent = a.href;
  });

  doc.querySelectorAll("a[data-print]").forEach(function (a) {
    a.addEventListener("click", function (event) {
      event.preventDefault();
      window.print();
    });
  });

  var row = doc.querySelector("nav.pillars");
  var current = row && row.querySelector("a.current");
  if (current && row.scrollWidth > row.clientWidth) {
    row.scrollLeft = current.offsetLeft - row.offsetLeft - 8;
  }

  var data = doc.body.dataset;
  var status = doc.getElementById("status");
  function announce(message) {
    if (!status) return;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = doc.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      doc.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = doc.execCommand("copy"); } catch (e) { ok = false; }
      doc.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  doc.querySelectorAll("p.para[id]").forEach(function (p) {
    var number = p.querySelector(".pnum");
    var button = doc.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = data.copy;
    button.setAttribute("aria-label", data.copyLabel.replace("{n}", number ? number.textContent : p.id));
    button.addEventListener("click", function () {
      var url = location.href.split("#")[0] + "#" + p.id;
      copyText(url).then(function () {
        button.textContent = data.copied;
        button.classList.add("done");
        announce(data.copied);
        window.setTimeout(function () {
          button.textContent = data.copy;
          button.classList.remove("done");
        }, 2000);
      }, function () {
        announce(data.copyFailed + " " + url);
        window.prompt(data.copyFailed, url);
      });
    });
    p.appendChild(doc.createTextNode(" "));
    p.appendChild(button);
  });
})();
