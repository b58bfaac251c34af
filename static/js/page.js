// Every page: tables wider than a phone scroll in their own labelled box, and a
// page opened at an anchor from another page's form (e.g. #timeline after logging
// a meeting) puts keyboard focus on its heading, not on whatever follows the anchor.
(function () {
  "use strict";

  // Tables laid out as cards on a phone (table.cards) need no box.
  document.querySelectorAll("table.data:not(.cards)").forEach(function (table) {
    var box = document.createElement("div");
    box.className = "table-scroll";
    var caption = table.querySelector("caption");
    var section = table.closest("section");
    var heading = section && section.querySelector("h2, h3");
    var name = caption || heading;
    if (name) {
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", name.textContent.trim());
    }
    table.parentNode.insertBefore(box, table);
    box.appendChild(table);
  });

  // A box that scrolls must be reachable by keyboard to be scrolled; one that
  // fits is not a tab stop.
  function reachable() {
    document.querySelectorAll(".table-scroll").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) box.setAttribute("tabindex", "0");
      else box.removeAttribute("tabindex");
    });
  }
  reachable();
  window.addEventListener("resize", reachable);

  // After the browser's own scroll to the anchor, which would reset the focus.
  // Only when coming from another page (a form elsewhere): sorting, filtering
  // and paging within a page keep the browser's place at the anchor.
  window.addEventListener("load", function () {
    var heading = document.querySelector("main h1");
    var from = document.referrer ? new URL(document.referrer) : null;
    var elsewhere = !from || from.pathname !== window.location.pathname;
    if (window.location.hash.length > 1 && heading && elsewhere) {
      heading.setAttribute("tabindex", "-1");
      heading.focus({preventScroll: true});
    }
  });
})();
